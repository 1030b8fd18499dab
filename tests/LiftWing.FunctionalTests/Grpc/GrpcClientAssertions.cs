using System.Text.Json;

namespace LiftWing.FunctionalTests.Grpc;

/// <summary>What both independent clients (python grpcio, node grpc-js) must have seen; their scripts print the same JSON shape.</summary>
internal static class GrpcClientAssertions
{
    public static void AssertAll(JsonElement r)
    {
        Assert.True(r.GetProperty("live").GetBoolean());
        Assert.True(r.GetProperty("ready").GetBoolean());
        Assert.Equal("kserve", r.GetProperty("server").GetProperty("name").GetString());
        Assert.Equal(["model_repository_extension"], r.GetProperty("server").GetProperty("extensions").EnumerateArray().Select(e => e.GetString()));
        Assert.True(r.GetProperty("model_ready").GetBoolean());
        Assert.False(r.GetProperty("broken_ready").GetBoolean());

        var meta = r.GetProperty("metadata");
        Assert.Equal("example-linear", meta.GetProperty("name").GetString());
        Assert.Equal("onnxruntime", meta.GetProperty("platform").GetString());
        Assert.Equal("""[["input","FP32",[-1,4]]]""", meta.GetProperty("inputs").GetRawText().Replace(" ", "", StringComparison.Ordinal));

        // Typed contents: two rows of three probabilities that each sum to one, and a label per row.
        var contents = r.GetProperty("infer_contents");
        Assert.Equal("py-1", contents.GetProperty("id").GetString());
        Assert.Equal("example-linear", contents.GetProperty("model_name").GetString());
        Assert.Equal("1", contents.GetProperty("model_version").GetString());
        Assert.Equal(0, contents.GetProperty("raw_count").GetInt32());
        var probs = contents.GetProperty("outputs").GetProperty("probabilities");
        Assert.Equal("FP32", probs.GetProperty("datatype").GetString());
        Assert.Equal([2L, 3L], probs.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()));
        var p = probs.GetProperty("fp32").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(6, p.Length);
        Assert.Equal(1.0, p[0] + p[1] + p[2], 5);
        Assert.Equal(1.0, p[3] + p[4] + p[5], 5);

        // Raw contents in, raw contents out, the same numbers; only the requested output.
        var raw = r.GetProperty("infer_raw");
        Assert.Equal(["probabilities"], raw.GetProperty("names").EnumerateArray().Select(e => e.GetString()));
        Assert.True(raw.GetProperty("contents_empty").GetBoolean());
        Assert.Equal(p, raw.GetProperty("values").EnumerateArray().Select(e => e.GetDouble()).ToArray());

        // A V1-style model through one BYTES input holding the V1 JSON (Lift Wing's outlink convention).
        var v1 = r.GetProperty("v1_contents");
        Assert.Equal("BYTES", v1.GetProperty("datatype").GetString());
        Assert.Equal(5355, v1.GetProperty("json").GetProperty("echo").GetProperty("page_id").GetInt32());
        Assert.Equal("echo", v1.GetProperty("json").GetProperty("model").GetString());
        Assert.True(r.GetProperty("v1_raw").GetProperty("length_ok").GetBoolean());
        Assert.Equal("ünï", r.GetProperty("v1_raw").GetProperty("json").GetProperty("echo").GetProperty("lang").GetString());

        var errors = r.GetProperty("errors");
        Assert.Equal("INVALID_ARGUMENT: Input 'input': datatype INT32 does not match the model's FP32.", errors.GetProperty("datatype").GetString());
        Assert.StartsWith("INVALID_ARGUMENT: the number of inputs (1) does not match", errors.GetProperty("raw_count").GetString(), StringComparison.Ordinal);
        Assert.Equal("INVALID_ARGUMENT: Input 'input': 15 bytes of raw data do not match shape [1,4] of FP32 (4 × 4 bytes).", errors.GetProperty("raw_size").GetString());
        Assert.StartsWith("INVALID_ARGUMENT: Unrecognized request format", errors.GetProperty("not_json").GetString(), StringComparison.Ordinal);
        Assert.Equal("NOT_FOUND: Model with name nope does not exist.", errors.GetProperty("unknown_model").GetString());
        Assert.Equal("NOT_FOUND: Model with name nope does not exist.", errors.GetProperty("unknown_ready").GetString());
        Assert.Equal("UNAVAILABLE: Model with name broken is not ready.", errors.GetProperty("not_ready").GetString());
        Assert.Equal("INTERNAL: Internal server error", errors.GetProperty("internal").GetString());
        Assert.StartsWith("UNIMPLEMENTED", errors.GetProperty("unimplemented").GetString(), StringComparison.Ordinal);

        Assert.True(r.GetProperty("unload").GetBoolean());
        // Unloaded models are gone, as in KServe (issue 15): NOT_FOUND.
        Assert.StartsWith("NOT_FOUND", r.GetProperty("after_unload").GetString(), StringComparison.Ordinal);
        Assert.True(r.GetProperty("load").GetBoolean());
        Assert.Equal("en", r.GetProperty("after_load").GetProperty("echo").GetProperty("lang").GetString());
    }
}

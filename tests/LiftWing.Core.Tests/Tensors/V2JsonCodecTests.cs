using System.Text;
using System.Text.Json;
using LiftWing.Core.Errors;
using LiftWing.Core.Tensors;

namespace LiftWing.Core.Tests.Tensors;

public sealed class V2JsonCodecTests
{
    private static InferTensorRequest Decode(string json) => V2JsonCodec.DecodeRequest(JsonDocument.Parse(json).RootElement);

    [Theory]
    [InlineData("BOOL", "[true,false]", typeof(bool[]))]
    [InlineData("INT8", "[-128,127]", typeof(sbyte[]))]
    [InlineData("INT16", "[-300,300]", typeof(short[]))]
    [InlineData("INT32", "[-70000,70000]", typeof(int[]))]
    [InlineData("INT64", "[-9007199254740993,9007199254740993]", typeof(long[]))]
    [InlineData("UINT8", "[0,255]", typeof(byte[]))]
    [InlineData("UINT16", "[0,65535]", typeof(ushort[]))]
    [InlineData("UINT32", "[0,4294967295]", typeof(uint[]))]
    [InlineData("UINT64", "[0,18446744073709551615]", typeof(ulong[]))]
    [InlineData("FP32", "[1.5,-2.25]", typeof(float[]))]
    [InlineData("FP64", "[1e-300,2.5]", typeof(double[]))]
    [InlineData("BYTES", "[\"a\",\"ü\"]", typeof(string[]))]
    public void DecodeRequest_EveryDatatype_GivesTypedData(string datatype, string data, Type expected)
    {
        var r = Decode($$"""{"inputs":[{"name":"x","datatype":"{{datatype}}","shape":[2],"data":{{data}}}]}""");
        var t = Assert.Single(r.Inputs);
        Assert.IsType(expected, t.Data);
        Assert.Equal(2, t.Data.Length);
    }

    [Fact]
    public void DecodeRequest_Int64KeepsFullPrecision()
    {
        var t = Decode("""{"inputs":[{"name":"x","datatype":"INT64","shape":[1],"data":[9007199254740993]}]}""").Inputs[0];
        Assert.Equal(9007199254740993L, ((long[])t.Data)[0]);
    }

    [Fact]
    public void DecodeRequest_NestedDataIsFlattenedRowMajor()
    {
        var t = Decode("""{"inputs":[{"name":"x","datatype":"INT32","shape":[2,2],"data":[[1,2],[3,4]]}]}""").Inputs[0];
        Assert.Equal([1, 2, 3, 4], (int[])t.Data);
        Assert.Equal([2L, 2L], t.Shape);
    }

    [Fact]
    public void DecodeRequest_IdParametersAndOutputs()
    {
        var r = Decode("""{"id":"q1","parameters":{"top_k":3,"flag":true,"s":"x"},"inputs":[],"outputs":[{"name":"a"},{"name":"b"}]}""");
        Assert.Equal("q1", r.Id);
        Assert.Equal(3L, Assert.IsType<long>(r.Parameters!["top_k"]));
        Assert.Equal(true, r.Parameters["flag"]);
        Assert.Equal(["a", "b"], r.Outputs!);
    }

    [Theory]
    [InlineData("""{"inputs":[{"name":"x","datatype":"UINT8","shape":[1],"data":[256]}]}""", "Input 'x': value 256 is not a valid UINT8.")]
    [InlineData("""{"inputs":[{"name":"x","datatype":"INT32","shape":[1],"data":[1.5]}]}""", "Input 'x': value 1.5 is not a valid INT32.")]
    [InlineData("""{"inputs":[{"name":"x","datatype":"BOOL","shape":[1],"data":[1]}]}""", "Input 'x': value 1 is not a valid BOOL.")]
    [InlineData("""{"inputs":[{"name":"x","datatype":"BYTES","shape":[1],"data":[1]}]}""", "Input 'x': value 1 is not a valid BYTES.")]
    [InlineData("""{"inputs":[{"name":"x","datatype":"FP32","shape":[-1],"data":[1]}]}""", "Input 'x': shape entries must be non-negative integers.")]
    [InlineData("""{"inputs":[{"name":"x","datatype":"FP32","shape":[3],"data":[1,2]}]}""", "Input 'x': shape [3] needs 3 elements but data has 2.")]
    [InlineData("""{"inputs":[{"datatype":"FP32","shape":[1],"data":[1]}]}""", "Each input needs a string 'name'.")]
    [InlineData("""{"inputs":[{"name":"x","shape":[1],"data":[1]}]}""", "Input 'x' needs a string 'datatype'.")]
    [InlineData("""{"inputs":[{"name":"x","datatype":"FP32","data":[1]}]}""", "Input 'x' needs a 'shape' array.")]
    [InlineData("""{"inputs":[{"name":"x","datatype":"FP32","shape":[1]}]}""", "Input 'x' needs a 'data' array.")]
    [InlineData("""{"inputs":[],"id":5}""", "'id' must be a string.")]
    [InlineData("""{"inputs":[],"outputs":[1]}""", "Each entry of 'outputs' must be an object with a string 'name'.")]
    [InlineData("""{"inputs":{}}""", "'inputs' is required and must be an array.")]
    [InlineData("""[]""", "Expected a JSON object with an 'inputs' array.")]
    public void DecodeRequest_Malformed_ThrowsInvalidInputNamingTheProblem(string json, string message)
    {
        var ex = Assert.Throws<InvalidInputException>(() => Decode(json));
        Assert.Equal(message, ex.Message);
        Assert.Equal(400, ex.StatusCode);
    }

    [Fact]
    public void DecodeRequest_HugeShapeProduct_IsRejectedNotAllocated()
    {
        Assert.ThrowsAny<Exception>(() => Decode("""{"inputs":[{"name":"x","datatype":"FP32","shape":[4294967296,4294967296,4294967296],"data":[1]}]}"""));
    }

    [Fact]
    public void EncodeResponse_RoundTripsValuesAndReplacesNonFiniteWithNull()
    {
        var response = new InferTensorResponse
        {
            ModelName = "m",
            ModelVersion = "2",
            Id = "q",
            Outputs =
            [
                new TensorData("p", "FP32", [3], new[] { 0.1f, float.NaN, 3.4028235e38f }),
                new TensorData("l", "INT64", [1], new[] { long.MaxValue }),
                new TensorData("s", "BYTES", [1], new[] { "é\"" }),
                new TensorData("u", "UINT8", [2], new byte[] { 0, 255 }),
            ],
        };
        var json = JsonDocument.Parse(Encoding.UTF8.GetString(V2JsonCodec.EncodeResponse(response))).RootElement;
        Assert.Equal("m", json.GetProperty("model_name").GetString());
        Assert.Equal("2", json.GetProperty("model_version").GetString());
        var p = json.GetProperty("outputs")[0].GetProperty("data");
        Assert.Equal(0.1f, p[0].GetSingle());
        Assert.Equal(JsonValueKind.Null, p[1].ValueKind);
        Assert.Equal(3.4028235e38f, p[2].GetSingle());
        Assert.Equal(long.MaxValue, json.GetProperty("outputs")[1].GetProperty("data")[0].GetInt64());
        Assert.Equal("é\"", json.GetProperty("outputs")[2].GetProperty("data")[0].GetString());
        Assert.Equal(255, json.GetProperty("outputs")[3].GetProperty("data")[1].GetInt32());
    }

    [Theory]
    [InlineData("[4294967296,4294967296,4294967296]", "more elements than can be counted")]
    [InlineData("[9223372036854775807,2]", "more elements than can be counted")]
    [InlineData("[2000,2000]", "at most 1048576")]
    public void Decode_HugeShape_Is400BeforeReadingData(string shape, string expected)
    {
        var ex = Assert.Throws<InvalidInputException>(() => Decode($$"""{"inputs":[{"name":"x","shape":{{shape}},"datatype":"FP32","data":[1]}]}"""));
        Assert.Equal(400, ex.StatusCode);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains("'x'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_ElementLimit_CountsAllInputsTogether()
    {
        var json = """{"inputs":[{"name":"a","shape":[3],"datatype":"FP32","data":[1,2,3]},{"name":"b","shape":[3],"datatype":"FP32","data":[1,2,3]}]}""";
        Assert.Equal(2, V2JsonCodec.DecodeRequest(JsonDocument.Parse(json).RootElement, 6).Inputs.Count);
        var ex = Assert.Throws<InvalidInputException>(() => V2JsonCodec.DecodeRequest(JsonDocument.Parse(json).RootElement, 5));
        Assert.Contains("'b'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_TooManyDimensions_Is400()
    {
        var shape = "[" + string.Join(",", Enumerable.Repeat("1", 40)) + "]";
        var ex = Assert.Throws<InvalidInputException>(() => Decode($$"""{"inputs":[{"name":"x","shape":{{shape}},"datatype":"FP32","data":[1]}]}"""));
        Assert.Contains("40 dimensions", ex.Message, StringComparison.Ordinal);
    }
}

using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using LiftWing.Core.Errors;
using LiftWing.Core.Tensors;

namespace LiftWing.Core.Tests.Tensors;

public sealed class V2TypedCodecTests
{
    private static InferTensorRequest Decode(string json) => V2JsonCodec.DecodeRequest(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void DataBeforeShapeAndDatatype_IsDecodedAfterTheObject()
    {
        var t = Decode("""{"inputs":[{"data":[[1.5,2],[3,4]],"name":"x","shape":[2,2],"datatype":"FP32"}]}""").Inputs[0];
        Assert.Equal([1.5f, 2f, 3f, 4f], (float[])t.Data);
    }

    [Fact]
    public void UnknownPropertiesAreSkipped()
    {
        var r = Decode("""{"extra":{"a":[1,{"b":2}]},"inputs":[{"name":"x","foo":[1,2],"datatype":"INT64","shape":[1],"data":[7]}]}""");
        Assert.Equal([7L], (long[])r.Inputs[0].Data);
    }

    [Fact]
    public void HugeShapeWithTinyData_IsA400NamingTheCount()
    {
        var ex = Assert.Throws<InvalidInputException>(() => Decode("""{"inputs":[{"name":"x","datatype":"FP32","shape":[100000000000],"data":[1,2]}]}"""));
        Assert.Equal("Input 'x': shape [100000000000] has 100000000000 elements; a request may carry at most 1048576 in all.", ex.Message);
    }

    [Fact]
    public void TooManyElements_IsA400()
    {
        var ex = Assert.Throws<InvalidInputException>(() => Decode("""{"inputs":[{"name":"x","datatype":"INT32","shape":[2],"data":[[1,2],[3]]}]}"""));
        Assert.Equal("Input 'x': shape [2] needs 2 elements but data has 3.", ex.Message);
    }

    [Theory]
    [InlineData("""{"inputs":[{"name":"x","datatype":"FP32","shape":[1],"data":[1e39]}]}""", "Input 'x': value 1e39 is not a valid FP32.")]
    [InlineData("""{"inputs":[{"name":"x","datatype":"FP32","shape":[1],"data":["1"]}]}""", "Input 'x': value \"1\" is not a valid FP32.")]
    [InlineData("""{"inputs":[{"name":"x","datatype":"FP32","shape":[1],"data":[{"a":1}]}]}""", "Input 'x': value {...} is not a valid FP32.")]
    [InlineData("""{"inputs":[{"name":"x","datatype":"FP16","shape":[1],"data":[1]}]}""", "Input 'x': datatype FP16 cannot be sent as JSON data; send it as binary data.")]
    [InlineData("""{"inputs":[{"name":"x","datatype":"FP32","shape":[1],"data":[1]""", "Unrecognized request format: Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed.")]
    [InlineData("", "Unrecognized request format: the request body is empty")]
    [InlineData("""{"inputs":[{"name":"x","datatype":"FP8","shape":[1],"data":[1]}]}""", "Unsupported datatype 'FP8'. Supported: BOOL, INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64, FP16, BF16, FP32, FP64, BYTES.")]
    public void BadValues_AreA400NamingThem(string json, string message)
    {
        var ex = Assert.Throws<InvalidInputException>(() => Decode(json));
        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void TooDeep_IsA400()
    {
        var json = """{"inputs":[{"name":"x","datatype":"INT32","shape":[1],"data":""" + new string('[', 80) + "1" + new string(']', 80) + "}]}";
        Assert.Throws<InvalidInputException>(() => Decode(json));
    }

    [Fact]
    public void OutputParametersAreKept()
    {
        var r = Decode("""{"inputs":[],"outputs":[{"name":"a","parameters":{"binary_data":true}},{"name":"b"}]}""");
        Assert.Equal(["a", "b"], r.Outputs!);
        Assert.Equal(true, r.OutputParameters!["a"]["binary_data"]);
        Assert.False(r.OutputParameters.ContainsKey("b"));
    }

    [Fact]
    public void BinarySection_FeedsInputsInOrder_SpecVector()
    {
        // The binary tensor extension's example: UINT32 [2,2] (16 bytes) and BOOL [3] (3 bytes).
        var json = """{"inputs":[{"name":"input0","shape":[2,2],"datatype":"UINT32","parameters":{"binary_data_size":16}},{"name":"input1","shape":[3],"datatype":"BOOL","parameters":{"binary_data_size":3}}]}""";
        var binary = new byte[19];
        for (var i = 0; i < 4; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(binary.AsSpan(i * 4), (uint)(i + 1));
        }

        binary[16] = 1;
        binary[18] = 1;
        var r = V2JsonCodec.DecodeRequest(Encoding.UTF8.GetBytes(json), binary, 64);
        Assert.Equal([1u, 2u, 3u, 4u], (uint[])r.Inputs[0].Data);
        Assert.Equal([true, false, true], (bool[])r.Inputs[1].Data);
    }

    [Theory]
    [InlineData(15, "Input 'input0': 15 bytes of raw data do not match shape [2,2] of UINT32 (4 × 4 bytes).")]
    [InlineData(17, "The binary section has 17 bytes but the inputs' binary_data_size add up to 16.")]
    public void BinarySection_SizeMismatch_IsA400(int size, string message)
    {
        var json = $$$"""{"inputs":[{"name":"input0","shape":[2,2],"datatype":"UINT32","parameters":{"binary_data_size":{{{Math.Min(size, 16)}}}}}]}""";
        var ex = Assert.Throws<InvalidInputException>(() => V2JsonCodec.DecodeRequest(Encoding.UTF8.GetBytes(json), new byte[size], 64));
        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void BinarySection_ElementLimit_CountsJsonAndBinaryInputsTogether()
    {
        var json = """{"inputs":[{"name":"a","shape":[2],"datatype":"FP32","data":[1,2]},{"name":"b","shape":[2,2],"datatype":"UINT32","parameters":{"binary_data_size":16}}]}""";
        Assert.Equal(2, V2JsonCodec.DecodeRequest(Encoding.UTF8.GetBytes(json), new byte[16], 64, 6).Inputs.Count);
        var ex = Assert.Throws<InvalidInputException>(() => V2JsonCodec.DecodeRequest(Encoding.UTF8.GetBytes(json), new byte[16], 64, 5));
        Assert.Equal("Input 'b': shape [2,2] has 4 elements; a request may carry at most 5 in all.", ex.Message);
    }

    [Fact]
    public void RawDecode_TooManyDimensions_IsA400()
    {
        var ex = Assert.Throws<InvalidInputException>(() => RawTensorCodec.Decode("r", "UINT8", new long[33], [], new TensorElementBudget(10)));
        Assert.Equal("Input 'r': shape has 33 dimensions; at most 32 are allowed.", ex.Message);
    }

    [Fact]
    public void RawBytes_RoundTrip()
    {
        var t = new TensorData("s", "BYTES", [3], new[] { "a", "", "ünï" });
        using var buffer = new PooledBufferWriter();
        RawTensorCodec.Encode(t, buffer);
        Assert.Equal(RawTensorCodec.EncodedLength(t), buffer.WrittenCount);
        Assert.Equal(4 + 1 + 4 + 4 + 5, buffer.WrittenCount);
        Assert.Equal(t.Data, RawTensorCodec.Decode("s", "BYTES", [3], buffer.WrittenSpan));
    }

    [Theory]
    [InlineData(new byte[] { 5, 0, 0, 0, 1 }, "Input 's': raw BYTES element 0 claims 5 bytes but 1 are left.")]
    [InlineData(new byte[] { 1, 0, 0 }, "Input 's': 3 bytes of raw data cannot hold the 1 BYTES elements of shape [1].")]
    [InlineData(new byte[] { 0, 0, 0, 0, 9 }, "Input 's': 1 bytes of raw data are left after the 1 BYTES elements.")]
    public void RawBytes_Malformed_IsA400(byte[] raw, string message)
    {
        var ex = Assert.Throws<InvalidInputException>(() => RawTensorCodec.Decode("s", "BYTES", [1], raw));
        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void RawFp16_DecodesToHalf()
    {
        var raw = new byte[4];
        BinaryPrimitives.WriteHalfLittleEndian(raw, (Half)1.5f);
        BinaryPrimitives.WriteHalfLittleEndian(raw.AsSpan(2), (Half)(-2f));
        Assert.Equal([(Half)1.5f, (Half)(-2f)], (Half[])RawTensorCodec.Decode("h", "FP16", [2], raw));
    }

    [Fact]
    public void Encode_TypedRoundTrip_AndBinaryOutputsCarryOnlyTheirSize()
    {
        var response = new InferTensorResponse
        {
            ModelName = "m",
            Outputs =
            [
                new TensorData("a", "UINT16", [2], new ushort[] { 1, 65535 }),
                new TensorData("b", "FP32", [3, 2], new[] { 1f, 1.1f, 2f, 2.1f, 3f, 3.1f }),
            ],
        };
        using var buffer = new PooledBufferWriter(16);
        V2JsonCodec.EncodeResponse(response, buffer, new HashSet<string> { "b" });
        var root = JsonDocument.Parse(buffer.WrittenMemory).RootElement;
        Assert.Equal(65535, root.GetProperty("outputs")[0].GetProperty("data")[1].GetInt32());
        var b = root.GetProperty("outputs")[1];
        Assert.Equal(24, b.GetProperty("parameters").GetProperty("binary_data_size").GetInt64());
        Assert.False(b.TryGetProperty("data", out _));
    }

    [Fact]
    public void EncodeThenDecode_Fp32_IsExact()
    {
        var rng = new Random(3);
        var data = Enumerable.Range(0, 1000).Select(_ => (float)(rng.NextDouble() * 2000 - 1000)).ToArray();
        var json = V2JsonCodec.EncodeResponse(new InferTensorResponse { ModelName = "m", Outputs = [new TensorData("x", "FP32", [10, 100], data)] });
        var asRequest = Encoding.UTF8.GetString(json).Replace("\"outputs\"", "\"inputs\"", StringComparison.Ordinal);
        Assert.Equal(data, (float[])Decode(asRequest).Inputs[0].Data);
    }

    [Theory]
    [InlineData("[1,2,3,4]")]
    [InlineData("[ 1 ,\n\t2\r\n, 3 , 4 ]")]
    [InlineData("[[1,2],[3,4]]")]
    [InlineData("[[1, 2] ,[ 3,4 ]]")]
    [InlineData("[1.0,2e0,0.3e1,40E-1]")]
    public void Fp32_FlatNestedAndSpaced_DecodeAlike(string data)
    {
        var r = Decode($$$"""{"inputs":[{"name":"x","datatype":"FP32","shape":[2,2],"data":{{{data}}},"parameters":{"p":1}},{"name":"y","datatype":"FP32","shape":[2],"data":[5,6]}],"id":"after","outputs":[{"name":"o"}]}""");
        Assert.Equal([1f, 2f, 3f, 4f], (float[])r.Inputs[0].Data);
        Assert.Equal(1L, r.Inputs[0].Parameters!["p"]);
        Assert.Equal([5f, 6f], (float[])r.Inputs[1].Data);
        Assert.Equal("after", r.Id);
        Assert.Equal(["o"], r.Outputs!);
    }

    [Theory]
    [InlineData("[1,2,01]", "Unrecognized request format:")]
    [InlineData("[1,2,-]", "Unrecognized request format:")]
    [InlineData("[1,2,3.]", "Unrecognized request format:")]
    [InlineData("[1,2,3x]", "Unrecognized request format:")]
    [InlineData("[1,2,3,}", "Unrecognized request format:")]
    [InlineData("[1,2,3,]", "Unrecognized request format:")]
    [InlineData("[1,2,/*c*/3]", "Unrecognized request format:")]
    [InlineData("[1,2,\"3\"]", "Input 'x': value \"3\" is not a valid FP32.")]
    [InlineData("[1,2,1e39]", "Input 'x': value 1e39 is not a valid FP32.")]
    [InlineData("[1,2,true]", "Input 'x': value true is not a valid FP32.")]
    [InlineData("[1,2]", "Input 'x': shape [3] needs 3 elements but data has 2.")]
    [InlineData("[1,2,3,4,5]", "Input 'x': shape [3] needs 3 elements but data has 5.")]
    [InlineData("[1,2,3", "Unrecognized request format:")]
    public void Fp32_BadTextAfterTheFirstNumber_IsStillA400(string data, string message)
    {
        var ex = Assert.Throws<InvalidInputException>(() => Decode($$$"""{"inputs":[{"name":"x","datatype":"FP32","shape":[3],"data":{{{data}}}}]}"""));
        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fp32_DataBeforeShape_AndLongDigitStrings_DecodeExactly()
    {
        // 20-digit and out-of-range-exponent texts leave the fast path; the reader's parser takes them.
        var r = Decode("""{"inputs":[{"data":[0.1,0.12345678901234567890,1e-30,3.4028235e38],"name":"x","datatype":"FP32","shape":[4]}]}""");
        Assert.Equal([0.1f, 0.12345678901234567890f, 1e-30f, 3.4028235e38f], (float[])r.Inputs[0].Data);
    }

    [Fact]
    public void Encode_Fp32AndFp16_WriteTheSameTextAsTheWriterPerElement()
    {
        float[] values = [0f, -0f, 0.1f, 1e-5f, 123456789f, float.MaxValue, float.NaN, float.PositiveInfinity, -2.5f];
        var json = Encoding.UTF8.GetString(V2JsonCodec.EncodeResponse(new InferTensorResponse
        {
            ModelName = "m",
            Outputs =
            [
                new TensorData("a", "FP32", [values.Length], values),
                new TensorData("h", "FP16", [2], new[] { (Half)0.5f, Half.NaN }),
                new TensorData("e", "FP32", [0], Array.Empty<float>()),
            ],
        }));
        Assert.Contains("\"data\":[0,-0,0.1,1E-05,123456790,3.4028235E+38,null,null,-2.5]", json, StringComparison.Ordinal);
        Assert.Contains("\"data\":[0.5,null]", json, StringComparison.Ordinal);
        Assert.Contains("\"shape\":[0],\"data\":[]", json, StringComparison.Ordinal);
    }

    [Fact]
    public void V1Predictions_NestByShape()
    {
        var json = Encoding.UTF8.GetString(V1TensorCodec.EncodePredictions(new InferTensorResponse
        {
            ModelName = "m",
            Outputs = [new TensorData("p", "FP32", [2, 2, 2], new[] { 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8.5f })],
        }));
        Assert.Equal("""{"predictions":[[[1,2],[3,4]],[[5,6],[7,8.5]]]}""", json);
    }
}

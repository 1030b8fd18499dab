using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LiftWing.FunctionalTests.Infrastructure;

namespace LiftWing.FunctionalTests.Grpc;

/// <summary>The REST binary tensor extension with its spec's test vector, over real HTTP.</summary>
public sealed class BinaryTensorRestTests(GrpcServerFixture fixture) : IClassFixture<GrpcServerFixture>
{
    private const string Header = "Inference-Header-Content-Length";
    private readonly HttpClient _client = fixture.Server.Client;

    private static ByteArrayContent Body(string json, byte[] binary, int? headerLength = null)
    {
        var jsonBytes = Encoding.UTF8.GetBytes(json);
        var content = new ByteArrayContent([.. jsonBytes, .. binary]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Headers.Add(Header, (headerLength ?? jsonBytes.Length).ToString(System.Globalization.CultureInfo.InvariantCulture));
        return content;
    }

    private static byte[] SpecInputs()
    {
        var binary = new byte[19];
        for (var i = 0; i < 4; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(binary.AsSpan(i * 4), (uint)(i + 1));
        }

        binary[16] = binary[17] = binary[18] = 1;
        return binary;
    }

    private const string SpecJson = """
        {"inputs":[{"name":"input0","shape":[2,2],"datatype":"UINT32","parameters":{"binary_data_size":16}},{"name":"input1","shape":[3],"datatype":"BOOL","parameters":{"binary_data_size":3}}],"outputs":[{"name":"output0","parameters":{"binary_data":true}}]}
        """;

    [Fact]
    public async Task SpecVector_BinaryIn_Fp32OutAs24Bytes()
    {
        using var response = await _client.PostAsync("v2/models/spec-vector/infer", Body(SpecJson, SpecInputs()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsByteArrayAsync();
        var jsonLength = int.Parse(response.Headers.GetValues(Header).Single(), System.Globalization.CultureInfo.InvariantCulture);
        var header = JsonDocument.Parse(body.AsMemory(0, jsonLength)).RootElement;
        var output = header.GetProperty("outputs")[0];
        Assert.Equal("output0", output.GetProperty("name").GetString());
        Assert.Equal("FP32", output.GetProperty("datatype").GetString());
        Assert.Equal(24, output.GetProperty("parameters").GetProperty("binary_data_size").GetInt32());
        Assert.False(output.TryGetProperty("data", out _));
        Assert.Equal(jsonLength + 24, body.Length);
        var values = Enumerable.Range(0, 6).Select(i => BinaryPrimitives.ReadSingleLittleEndian(body.AsSpan(jsonLength + (4 * i)))).ToArray();
        Assert.Equal([1.0f, 1.1f, 2.0f, 2.1f, 3.0f, 3.1f], values);
    }

    [Fact]
    public async Task SpecVector_BinaryIn_JsonOut_WhenNoOutputAsksForBinary()
    {
        var json = SpecJson.Replace("""{"name":"output0","parameters":{"binary_data":true}}""", """{"name":"output0"}""", StringComparison.Ordinal);
        using var response = await _client.PostAsync("v2/models/spec-vector/infer", Body(json, SpecInputs()));
        var body = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal([1.0f, 1.1f, 2.0f, 2.1f, 3.0f, 3.1f], body.GetProperty("outputs")[0].GetProperty("data").EnumerateArray().Select(e => e.GetSingle()));
    }

    [Fact]
    public async Task JsonIn_BinaryOut_ByRequestParameter()
    {
        const string json = """{"parameters":{"binary_data_output":true},"inputs":[{"name":"input0","shape":[2,2],"datatype":"UINT32","data":[[1,2],[3,4]]},{"name":"input1","shape":[3],"datatype":"BOOL","data":[true,false,true]}]}""";
        using var response = await _client.PostAsync("v2/models/spec-vector/infer", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsByteArrayAsync();
        var jsonLength = int.Parse(response.Headers.GetValues(Header).Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(jsonLength + 24, body.Length);
        Assert.Equal(0f, BinaryPrimitives.ReadSingleLittleEndian(body.AsSpan(jsonLength + 8)));
        Assert.Equal(3.1f, BinaryPrimitives.ReadSingleLittleEndian(body.AsSpan(jsonLength + 20)));
    }

    [Theory]
    [InlineData(18, null, "Input 'input1': binary_data_size 3 is more than the 2 bytes left in the body.")]
    [InlineData(20, null, "The binary section has 20 bytes but the inputs' binary_data_size add up to 19.")]
    [InlineData(19, 100000, "Inference-Header-Content-Length must be a whole number of bytes no larger than the body")]
    [InlineData(19, 10, "Unrecognized request format")]
    public async Task MalformedBinaryBodies_Are400s(int binaryLength, int? headerLength, string message)
    {
        var binary = SpecInputs();
        Array.Resize(ref binary, binaryLength);
        using var response = await _client.PostAsync("v2/models/spec-vector/infer", Body(SpecJson, binary, headerLength));
        var body = await HttpAssert.JsonAsync(response, HttpStatusCode.BadRequest);
        Assert.StartsWith(message, body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerMetadata_ListsTheExtension()
    {
        var body = await HttpAssert.JsonAsync(await _client.GetAsync("v2"), HttpStatusCode.OK);
        Assert.Contains("binary_tensor_data", body.GetProperty("extensions").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Fp16AndBf16_BinaryIn_PassThroughTheFloat16Graph_BinaryOut()
    {
        // h: FP16 [1.5, -2, 0.333…]; b: BF16 [1.5, -2, 3.140625] (bit patterns written directly).
        byte[] h = [.. new[] { (Half)1.5f, (Half)(-2f), (Half)(1f / 3) }.SelectMany(v => BitConverter.GetBytes(v))];
        byte[] b = [0xC0, 0x3F, 0x00, 0xC0, 0x49, 0x40];
        const string json = """{"inputs":[{"name":"h","shape":[3],"datatype":"FP16","parameters":{"binary_data_size":6}},{"name":"b","shape":[3],"datatype":"BF16","parameters":{"binary_data_size":6}}],"parameters":{"binary_data_output":true}}""";
        using var response = await _client.PostAsync("v2/models/half-identity/infer", Body(json, [.. h, .. b]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsByteArrayAsync();
        var jsonLength = int.Parse(response.Headers.GetValues(Header).Single(), System.Globalization.CultureInfo.InvariantCulture);
        var outputs = JsonDocument.Parse(body.AsMemory(0, jsonLength)).RootElement.GetProperty("outputs").EnumerateArray()
            .ToDictionary(o => o.GetProperty("name").GetString()!, o => o.GetProperty("datatype").GetString());
        Assert.Equal("FP16", outputs["h_out"]);
        Assert.Equal("BF16", outputs["b_out"]);
        Assert.Equal([.. h, .. b], body[jsonLength..]);
    }

    [Fact]
    public async Task Bf16_JsonOut_IsTheWidenedNumbers()
    {
        byte[] b = [0xC0, 0x3F, 0x00, 0xC0, 0x49, 0x40];
        byte[] h = [.. new[] { (Half)0.5f }.SelectMany(v => BitConverter.GetBytes(v))];
        const string json = """{"inputs":[{"name":"h","shape":[1],"datatype":"FP16","parameters":{"binary_data_size":2}},{"name":"b","shape":[3],"datatype":"BF16","parameters":{"binary_data_size":6}}]}""";
        using var response = await _client.PostAsync("v2/models/half-identity/infer", Body(json, [.. h, .. b]));
        var body = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
        var bOut = body.GetProperty("outputs").EnumerateArray().Single(o => o.GetProperty("name").GetString() == "b_out");
        Assert.Equal("[1.5,-2,3.140625]", bOut.GetProperty("data").GetRawText());
    }

    [Fact]
    public async Task Bf16_BinaryIn_IsWidenedForAnFp32Model()
    {
        // example-linear takes FP32 [-1,4]; the same features as BF16 (exact in 8 bits of mantissa) give the same answer.
        float[] features = [0.5f, -1f, 2f, 0.25f];
        byte[] bf16 = [.. features.SelectMany(f => BitConverter.GetBytes((ushort)(BitConverter.SingleToUInt32Bits(f) >> 16)))];
        const string binaryJson = """{"inputs":[{"name":"input","shape":[1,4],"datatype":"BF16","parameters":{"binary_data_size":8}}]}""";
        var fromBf16 = await HttpAssert.JsonAsync(await _client.PostAsync("v2/models/example-linear/infer", Body(binaryJson, bf16)), HttpStatusCode.OK);
        var fromFp32 = await HttpAssert.JsonAsync(
            await _client.PostAsync("v2/models/example-linear/infer", new StringContent("""{"inputs":[{"name":"input","shape":[1,4],"datatype":"FP32","data":[0.5,-1,2,0.25]}]}""", Encoding.UTF8, "application/json")),
            HttpStatusCode.OK);
        Assert.Equal(fromFp32.GetProperty("outputs").GetRawText(), fromBf16.GetProperty("outputs").GetRawText());
    }

    [Theory]
    [InlineData("BF16")]
    [InlineData("FP16")]
    public async Task HalfPrecisionAsJsonData_IsA400(string datatype)
    {
        var json = $$"""{"inputs":[{"name":"b","shape":[1],"datatype":"{{datatype}}","data":[1.5]}]}""";
        var body = await HttpAssert.JsonAsync(await _client.PostAsync("v2/models/half-identity/infer", new StringContent(json, Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        Assert.Equal($"Input 'b': datatype {datatype} cannot be sent as JSON data; send it as binary data.", body.GetProperty("error").GetString());
    }
}

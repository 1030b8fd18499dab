using System.Text;
using LiftWing.Core.Errors;
using LiftWing.Server;
using LiftWing.Server.Http;
using Microsoft.AspNetCore.Http;

namespace LiftWing.Server.Tests.Http;

public sealed class RequestBodyReaderTests
{
    private static DefaultHttpContext Context(string body, string? contentType = "application/json")
    {
        var ctx = new DefaultHttpContext();
        ctx.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        ctx.Request.ContentType = contentType;
        return ctx;
    }

    [Fact]
    public async Task ReadJsonAsync_Object_Parses()
    {
        using var doc = await RequestBodyReader.ReadJsonAsync(Context("""{"a":[1,2]}"""), new LiftWingServerOptions(), CancellationToken.None);
        Assert.Equal(2, doc.RootElement.GetProperty("a").GetArrayLength());
    }

    [Theory]
    [InlineData("{bad", "application/json", "Unrecognized request format: ")]
    [InlineData("{bad", null, "Unrecognized request format: ")]
    [InlineData("{bad", "text/plain", "Please verify that request input is a json dict")]
    [InlineData("[1]", "application/json", "Please verify that request input is a json dict")]
    public async Task ReadJsonAsync_Bad_Is400(string body, string? contentType, string messageStart)
    {
        var ex = await Assert.ThrowsAsync<InvalidInputException>(async () => await RequestBodyReader.ReadJsonAsync(Context(body, contentType), new LiftWingServerOptions(), CancellationToken.None));
        Assert.StartsWith(messageStart, ex.Message, StringComparison.Ordinal);
        Assert.Equal(400, ex.StatusCode);
    }

    [Fact]
    public async Task ReadJsonAsync_OverTheLimit_Is413()
    {
        var ex = await Assert.ThrowsAsync<InvalidInputException>(async () =>
            await RequestBodyReader.ReadJsonAsync(Context("{\"a\":\"" + new string('x', 3000) + "\"}"), new LiftWingServerOptions { MaxRequestBodyBytes = 2048 }, CancellationToken.None));
        Assert.Equal(413, ex.StatusCode);
    }

    [Fact]
    public async Task ReadJsonAsync_TooDeep_Is400()
    {
        var ex = await Assert.ThrowsAsync<InvalidInputException>(async () =>
            await RequestBodyReader.ReadJsonAsync(Context("{\"a\":" + new string('[', 10) + new string(']', 10) + "}"), new LiftWingServerOptions { MaxJsonDepth = 5 }, CancellationToken.None));
        Assert.Contains("depth", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(new byte[] { (byte)'{', (byte)'"', (byte)'t', (byte)'"', (byte)':', (byte)'"', 0xFF, (byte)'"', (byte)'}' }, "field 't'")]
    [InlineData(new byte[] { (byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'{', (byte)'"', (byte)'b', (byte)'"', (byte)':', (byte)'[', (byte)'"', 0xED, 0xA0, 0x80, (byte)'"', (byte)']', (byte)'}', (byte)'}' }, "field 'b'")]
    public async Task ReadJsonAsync_InvalidUtf8_Is400NamingTheField(byte[] body, string field)
    {
        var ctx = new DefaultHttpContext();
        ctx.Request.Body = new MemoryStream(body);
        ctx.Request.ContentType = "application/json";
        var ex = await Assert.ThrowsAsync<InvalidInputException>(async () => await RequestBodyReader.ReadJsonAsync(ctx, new LiftWingServerOptions(), CancellationToken.None));
        Assert.Equal(400, ex.StatusCode);
        Assert.Contains(field, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"text":"\ud800"}""", "field 'text'")]
    [InlineData("""{"x":{"instances":["ok","a\udc00b"]}}""", "field 'instances'")]
    [InlineData("""{"\ud800":1}""", "a property name")]
    public async Task ReadJsonAsync_LoneSurrogate_Is400NamingTheField(string body, string field)
    {
        var ex = await Assert.ThrowsAsync<InvalidInputException>(async () => await RequestBodyReader.ReadJsonAsync(Context(body), new LiftWingServerOptions(), CancellationToken.None));
        Assert.Equal(400, ex.StatusCode);
        Assert.Contains(field, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadJsonAsync_ValidPairAndEscapes_Parse()
    {
        using var doc = await RequestBodyReader.ReadJsonAsync(Context("""{"e":"\ud83d\ude00 \u00e9 漢字"}"""), new LiftWingServerOptions(), CancellationToken.None);
        Assert.Equal("😀 é 漢字", doc.RootElement.GetProperty("e").GetString());
    }

    // A body longer than one pipe read, with and without Content-Length: copied out read by read, parsed whole.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ReadJsonAsync_LargeBodyInManyReads_ParsesWhole(bool withLength)
    {
        var text = "{\"pad\":\"" + new string('x', 300_000) + "\",\"end\":1}";
        var ctx = Context(text);
        if (withLength)
        {
            ctx.Request.ContentLength = Encoding.UTF8.GetByteCount(text);
        }

        using var doc = await RequestBodyReader.ReadJsonAsync(ctx, new LiftWingServerOptions(), CancellationToken.None);

        Assert.Equal(300_000, doc.RootElement.GetProperty("pad").GetString()!.Length);
        Assert.Equal(1, doc.RootElement.GetProperty("end").GetInt32());
    }

    // A model's own limit replaces the server's, both ways.
    [Fact]
    public async Task ReadJsonAsync_ModelLimit_ReplacesTheServers()
    {
        var body = "{\"a\":\"" + new string('x', 3000) + "\"}";
        var server = new LiftWingServerOptions { MaxRequestBodyBytes = 2048 };

        using var doc = await RequestBodyReader.ReadJsonAsync(Context(body), server, 4096, CancellationToken.None);
        var ex = await Assert.ThrowsAsync<InvalidInputException>(async () => await RequestBodyReader.ReadJsonAsync(Context(body), new LiftWingServerOptions(), 1024, CancellationToken.None));

        Assert.Equal(3000, doc.RootElement.GetProperty("a").GetString()!.Length);
        Assert.Equal((413, "Request body too large: the limit is 1024 bytes."), (ex.StatusCode, ex.Message));
    }

    // A Content-Length that understates the body still gets the whole body (the array grows).
    [Fact]
    public async Task ReadJsonAsync_ContentLengthShorterThanBody_ArrayGrows()
    {
        var ctx = Context("{\"a\":\"" + new string('y', 50_000) + "\"}");
        ctx.Request.ContentLength = 100;

        using var doc = await RequestBodyReader.ReadJsonAsync(ctx, new LiftWingServerOptions(), CancellationToken.None);

        Assert.Equal(50_000, doc.RootElement.GetProperty("a").GetString()!.Length);
    }
}

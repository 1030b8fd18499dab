using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Tests.Common;
using Microsoft.Extensions.DependencyInjection;

namespace LiftWing.FunctionalTests.Hardening;

/// <summary>
/// The errors Kestrel answers itself, before any middleware (malformed request line or header, bad framing, 414, 431,
/// header timeout, unknown version), carry the JSON error body naming the problem; sent byte for byte over a socket.
/// </summary>
public sealed class KestrelErrorBodyTests : IAsyncLifetime
{
    private TempModels _models = null!;
    private LiftWingTestServer _server = null!;

    public async Task InitializeAsync()
    {
        _models = TempModels.Create(("echo", TempModels.EchoYaml("echo")));
        _server = await LiftWingTestServer.StartAsync(s =>
        {
            s.ModelsDirectory = _models.Directory;
            s.Settings["LiftWing:Limits:RequestHeadersTimeout"] = "00:00:01";
            s.ConfigureServices = services => services.AddModelServer(EchoModel.ServerType, static (c, _) => new EchoModel(c));
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _models.Dispose();
    }

    public static TheoryData<string, string, int, string> Cases => new()
    {
        { "malformed request line", "GARBAGE\r\n\r\n", 400, "request line" },
        { "header without colon", "POST /v1/models/echo:predict HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n", 400, "header" },
        { "content-length not a number", "POST /v1/models/echo:predict HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", 400, "content length" },
        { "two content-lengths", "POST /v1/models/echo:predict HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}", 400, "content-length" },
        { "unknown transfer-encoding", "POST /v1/models/echo:predict HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n{}", 400, "chunked" },
        { "request line too long (414)", $"GET /{new string('a', 20_000)} HTTP/1.1\r\nHost: x\r\n\r\n", 414, "request line too long" },
        { "headers too large (431)", $"GET /v2/health/live HTTP/1.1\r\nHost: x\r\nX-Big: {new string('a', 70_000)}\r\n\r\n", 431, "headers too" },
        { "unknown HTTP version (505)", "GET / HTTP/9.9\r\nHost: x\r\n\r\n", 505, "version" },
        { "missing host", "GET /v2/health/live HTTP/1.1\r\n\r\n", 400, "host" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task KestrelsOwnError_HasTheJsonErrorBody(string name, string request, int status, string messagePart)
    {
        var (actual, head, body) = await SendAsync(Encoding.Latin1.GetBytes(request));
        Assert.True(actual == status, $"{name}: {actual}\n{head}");
        AssertErrorBody(head, body, messagePart);
    }

    [Fact]
    public async Task HeadersNotSentInTime_Is408WithTheJsonErrorBody()
    {
        // The head never ends; Kestrel's header timeout (1 s here) answers 408.
        var (status, head, body) = await SendAsync("POST /v1/models/echo:predict HTTP/1.1\r\nHost: x\r\n"u8.ToArray());
        Assert.True(status == 408, head);
        AssertErrorBody(head, body, "timed out");
    }

    [Fact]
    public async Task KeepAlive_AnswersTheGoodRequestUnchanged_ThenTheBadOneWithABody()
    {
        var good = "POST /v1/models/echo:predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 12\r\n\r\n{\"text\":\"a\"}";
        var bad = "POST /v1/models/echo:predict HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n";
        var raw = Encoding.Latin1.GetString(await ExchangeAsync(Encoding.Latin1.GetBytes(good + bad)));
        var second = raw.IndexOf("HTTP/1.1 400", StringComparison.Ordinal);
        Assert.True(raw.StartsWith("HTTP/1.1 200", StringComparison.Ordinal) && second > 0, raw);
        Assert.Contains("\"text\":\"a\"", raw[..second], StringComparison.Ordinal);
        var (status, head, body) = Parse(Encoding.Latin1.GetBytes(raw[second..]));
        Assert.Equal(400, status);
        AssertErrorBody(head, body, "header");
    }

    [Fact]
    public async Task HeadRequestRejected_GetsNoBody()
    {
        var (status, head, body) = await SendAsync("HEAD /v2/health/live HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n"u8.ToArray());
        Assert.Equal(400, status);
        Assert.Contains("Content-Length: 0", head, StringComparison.Ordinal);
        Assert.Empty(body);
    }

    [Fact]
    public async Task BodyFramingErrors_ReachTheHandler_WithTheJsonErrorBody()
    {
        var (status, head, body) = await SendAsync("POST /v1/models/echo:predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"u8.ToArray());
        Assert.True(status == 400, head);
        AssertErrorBody(head, body, "chunk");
    }

    private static void AssertErrorBody(string head, byte[] body, string messagePart)
    {
        Assert.Contains("Content-Type: application/json", head, StringComparison.OrdinalIgnoreCase);
        using var doc = JsonDocument.Parse(body);
        var message = doc.RootElement.GetProperty("error").GetString()!;
        Assert.Contains(messagePart, message, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<(int Status, string Head, byte[] Body)> SendAsync(byte[] request) => Parse(await ExchangeAsync(request));

    private async Task<byte[]> ExchangeAsync(byte[] request)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(_server.BaseAddress.Host, _server.BaseAddress.Port, cts.Token);
        var stream = tcp.GetStream();
        try
        {
            await stream.WriteAsync(request, cts.Token);
        }
        catch (IOException)
        {
            // The server may answer and close before the whole request is written.
        }

        var buffer = new MemoryStream();
        try
        {
            await stream.CopyToAsync(buffer, cts.Token);
        }
        catch (IOException)
        {
            // A reset after the response is fine.
        }

        return buffer.ToArray();
    }

    private static (int Status, string Head, byte[] Body) Parse(byte[] raw)
    {
        var end = raw.AsSpan().IndexOf("\r\n\r\n"u8);
        Assert.True(end > 0, "no response head: " + Encoding.Latin1.GetString(raw));
        var head = Encoding.Latin1.GetString(raw, 0, end);
        var status = int.Parse(head.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
        var length = head.Split("\r\n").Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(p => int.Parse(p[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
        return (status, head, raw.AsSpan(end + 4, Math.Min(length, raw.Length - end - 4)).ToArray());
    }
}

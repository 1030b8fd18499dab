using System.Net.Sockets;
using System.Text;

namespace LiftWing.Tests.Common;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 (a free port) for the URL-fetch tests: real sockets, so the fetcher's
/// connect-time address checks run. Each route writes its own raw response.
/// </summary>
public sealed class LocalHttpServer : IAsyncDisposable
{
    private readonly Dictionary<string, Func<NetworkStream, CancellationToken, Task>> _routes = new(StringComparer.Ordinal);
    private readonly LoopbackHttpServer _server;

    /// <summary>Starts listening.</summary>
    public LocalHttpServer() => _server = new LoopbackHttpServer(RespondAsync);

    /// <summary>The port.</summary>
    public int Port => _server.BaseAddress.Port;

    /// <summary>The URL of a path on this server.</summary>
    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

    /// <summary>How many requests arrived.</summary>
    public int Requests => _server.Requests.Count;

    /// <summary>Maps a path to a raw response writer.</summary>
    public void Map(string path, Func<NetworkStream, CancellationToken, Task> handler) => _routes[path] = handler;

    /// <summary>Maps a path to a 200 with a body (optionally without Content-Length).</summary>
    public void MapBytes(string path, byte[] body, string contentType = "image/png", bool sendLength = true) =>
        Map(path, async (s, ct) =>
        {
            var head = $"HTTP/1.1 200 OK\r\nContent-Type: {contentType}\r\n" + (sendLength ? $"Content-Length: {body.Length}\r\n" : "") + "Connection: close\r\n\r\n";
            await s.WriteAsync(Encoding.ASCII.GetBytes(head), ct);
            await s.WriteAsync(body, ct);
        });

    /// <summary>Maps a path to a 302.</summary>
    public void MapRedirect(string path, string location) =>
        Map(path, (s, ct) => s.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"), ct).AsTask());

    private Task RespondAsync(RecordedRequest request, NetworkStream stream, CancellationToken ct) =>
        _routes.TryGetValue(request.Target, out var handler)
            ? handler(stream, ct)
            : stream.WriteAsync("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), ct).AsTask();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _server.DisposeAsync();
}

using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LiftWing.Tests.Common;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 (a free port) for the URL-fetch tests: real sockets, so the fetcher's
/// connect-time address checks run. Each route writes its own raw response.
/// </summary>
public sealed class LocalHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Dictionary<string, Func<NetworkStream, CancellationToken, Task>> _routes = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    /// <summary>Starts listening.</summary>
    public LocalHttpServer()
    {
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The port.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The URL of a path on this server.</summary>
    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

    /// <summary>How many requests arrived.</summary>
    public int Requests => _requests;

    private int _requests;

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

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(client));
        }
    }

    private async Task HandleAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                Interlocked.Increment(ref _requests);
                var stream = client.GetStream();
                var head = new StringBuilder();
                var buffer = new byte[1];
                while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(buffer, _stop.Token) == 1)
                {
                    head.Append((char)buffer[0]);
                }

                var path = head.ToString().Split(' ')[1];
                if (_routes.TryGetValue(path, out var handler))
                {
                    await handler(stream, _stop.Token);
                }
                else
                {
                    await stream.WriteAsync("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), _stop.Token);
                }
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
            }
            catch (IOException)
            {
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LiftWing.Tests.Common;

/// <summary>
/// A tiny real HTTP/1.1 server on 127.0.0.1 and a free port, for testing HTTP clients without ASP.NET Core:
/// every request is recorded (method, target, headers) and answered by a handler. One request per connection.
/// </summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<RecordedRequest, NetworkStream, CancellationToken, Task> _respond;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    /// <summary>Starts the server; the handler gets the request and its 1-based number.</summary>
    public LoopbackHttpServer(Func<RecordedRequest, int, Task<CannedResponse>> handler)
        : this(RawResponder(handler))
    {
    }

    /// <summary>Starts a server whose handler writes its own raw response (odd headers, redirects, streamed bodies).</summary>
    public LoopbackHttpServer(Func<RecordedRequest, NetworkStream, CancellationToken, Task> respond)
    {
        _respond = respond;
        _listener.Start();
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _loop = AcceptLoopAsync();
    }

    /// <summary>Starts a server that gives every request the same answer.</summary>
    public LoopbackHttpServer(CannedResponse response) : this((_, _) => Task.FromResult(response))
    {
    }

    /// <summary>The server's address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The requests received so far, in order.</summary>
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Waits until at least <paramref name="count"/> requests arrived (a client may give up before the server reads its request).</summary>
    public async Task<int> WaitForRequestsAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Requests.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        return Requests.Count;
    }

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

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var head = await ReadHeadAsync(stream);
                var lines = head.Split("\r\n");
                var start = lines[0].Split(' ');
                var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
                {
                    var colon = line.IndexOf(':');
                    headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
                }

                var request = new RecordedRequest(start[0], start[1], headers);
                Requests.Enqueue(request);
                await _respond(request, stream, _stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
            }
            catch (IOException)
            {
                // The client gave up (e.g. its timeout fired): nothing to answer.
            }
        }
    }

    private static Func<RecordedRequest, NetworkStream, CancellationToken, Task> RawResponder(Func<RecordedRequest, int, Task<CannedResponse>> handler)
    {
        var count = 0;
        return async (request, stream, ct) =>
        {
            var response = await handler(request, Interlocked.Increment(ref count));
            if (response.Delay > TimeSpan.Zero)
            {
                await Task.Delay(response.Delay, ct);
            }

            var body = response.Body;
            var text = new StringBuilder()
                .Append($"HTTP/1.1 {response.Status} {response.Reason}\r\n")
                .Append($"Content-Type: {response.ContentType}\r\n")
                .Append($"Content-Length: {body.Length}\r\n")
                .Append("Connection: close\r\n\r\n");
            await stream.WriteAsync(Encoding.ASCII.GetBytes(text.ToString()), ct);
            await stream.WriteAsync(body, ct);
        };
    }

    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var buffer = new List<byte>();
        var one = new byte[1];
        while (await stream.ReadAsync(one) == 1)
        {
            buffer.Add(one[0]);
            var n = buffer.Count;
            if (n >= 4 && buffer[n - 4] == '\r' && buffer[n - 3] == '\n' && buffer[n - 2] == '\r' && buffer[n - 1] == '\n')
            {
                break;
            }
        }

        return Encoding.ASCII.GetString(buffer.ToArray());
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

/// <summary>A request as the server saw it.</summary>
public sealed record RecordedRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers);

/// <summary>An answer: status, body and an optional delay before it is sent.</summary>
public sealed record CannedResponse(int Status, string Reason, byte[] Body, string ContentType = "text/html; charset=utf-8")
{
    /// <summary>How long to wait before answering.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>A UTF-8 text answer.</summary>
    public static CannedResponse Text(int status, string reason, string body) => new(status, reason, Encoding.UTF8.GetBytes(body));
}

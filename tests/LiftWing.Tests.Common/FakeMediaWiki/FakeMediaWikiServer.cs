using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using LiftWing.Wiki.Emulation;

namespace LiftWing.Tests.Common.FakeMediaWiki;

/// <summary>
/// A real HTTP MediaWiki stand-in for tests: <see cref="HttpListener"/> on a free port, answering <c>/w/api.php</c> with
/// <see cref="ActionApiEmulator"/> over <see cref="Store"/>, routing by the <c>Host</c> header the way Lift Wing's
/// <c>WIKI_URL</c> cluster does. <see cref="Faults"/> injects failures (5xx, maxlag, ratelimited, slow answers) ahead of
/// normal answers; <see cref="Requests"/> records what arrived.
/// </summary>
public sealed class FakeMediaWikiServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ActionApiEmulator _emulator;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private FakeMediaWikiServer(WikiStore store)
    {
        Store = store;
        _emulator = new ActionApiEmulator(store);
        var port = FreePort();
        // A wildcard prefix: the managed HttpListener matches prefixes against the Host header, and requests carry
        // Host: xx.wikipedia.org. Clients still connect to 127.0.0.1 only.
        _listener.Prefixes.Add($"http://*:{port}/");
        _listener.Start();
        BaseUri = new Uri($"http://127.0.0.1:{port}/");
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Where to point <c>WIKI_URL</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>The wiki data served.</summary>
    public WikiStore Store { get; }

    /// <summary>Failures to serve, one per request, before normal answers resume.</summary>
    public ConcurrentQueue<FakeFault> Faults { get; } = new();

    /// <summary>
    /// Holds keyed <c>name=value</c>: the first request whose query has that parameter value waits this long before it is
    /// answered (a request stuck in flight, aimed at one revision, whatever else is queued in <see cref="Faults"/>).
    /// </summary>
    public ConcurrentDictionary<string, TimeSpan> HoldOnce { get; } = new();

    /// <summary>Every request received.</summary>
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Starts a server over a store.</summary>
    public static FakeMediaWikiServer Start(WikiStore? store = null) => new(store ?? new WikiStore());

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var host = request.Headers["Host"] ?? "";
        var portSuffix = host.LastIndexOf(':');
        if (portSuffix > 0)
        {
            host = host[..portSuffix];
        }

        Requests.Enqueue(new RecordedRequest(host, request.Url!.PathAndQuery, request.UserAgent ?? ""));
        var response = context.Response;
        try
        {
            foreach (var (parameter, hold) in HoldOnce)
            {
                var eq = parameter.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0 && request.QueryString[parameter[..eq]] == parameter[(eq + 1)..] && HoldOnce.TryRemove(parameter, out _))
                {
                    await Task.Delay(hold, _stop.Token).ConfigureAwait(false);
                }
            }

            int status;
            string body;
            if (Faults.TryDequeue(out var fault))
            {
                if (fault.Delay > TimeSpan.Zero)
                {
                    await Task.Delay(fault.Delay, _stop.Token).ConfigureAwait(false);
                }

                if (fault.RetryAfterSeconds is { } retryAfter)
                {
                    response.AddHeader("Retry-After", retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                status = fault.Status;
                body = fault.ApiErrorCode is { } code
                    ? $"{{\"error\":{{\"code\":\"{code}\",\"info\":\"injected {code}\"}}}}"
                    : fault.Body ?? "";
                if (fault.ApiErrorCode is null && fault.Body is null && fault.Status == 200)
                {
                    (status, body) = _emulator.Answer(host, request.QueryString);
                }
            }
            else if (request.Url.AbsolutePath == "/w/api.php")
            {
                (status, body) = _emulator.Answer(host, request.QueryString);
            }
            else
            {
                (status, body) = (404, "not found");
            }

            var bytes = Encoding.UTF8.GetBytes(body);
            response.StatusCode = status;
            response.ContentType = "application/json; charset=utf-8";
            response.ContentLength64 = bytes.Length;
            await response.OutputStream.WriteAsync(bytes, _stop.Token).ConfigureAwait(false);
            response.Close();
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
            response.Abort();
        }
        catch (HttpListenerException)
        {
            // The client gave up (e.g. its timeout fired during an injected delay).
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Shutting down.
        }

        _stop.Dispose();
    }
}

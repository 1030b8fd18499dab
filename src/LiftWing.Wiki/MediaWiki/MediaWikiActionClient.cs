using System.Net;
using System.Text;
using System.Text.Json;
using LiftWing.Core.Errors;
using LiftWing.Wiki.Emulation;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace LiftWing.Wiki.MediaWiki;

/// <summary>
/// Sends Action API queries (<c>format=json&amp;formatversion=2</c>) for one Wikipedia: the host (or <c>WIKI_URL</c> plus a
/// <c>Host</c> header), User-Agent, and the call's retry settings. Retries (5xx, 429, <c>maxlag</c>, <c>ratelimited</c>,
/// honouring <c>Retry-After</c>) and the per-attempt timeout are the named client's resilience pipeline
/// (<c>AddMediaWiki()</c>); a bare <see cref="HttpClient"/> makes one attempt. Other API errors fail at once. Failures are
/// an <see cref="UpstreamDataException"/> (502, 503 with the circuit open, 504 on a timeout) whose reason is the code.
/// </summary>
public sealed class MediaWikiActionClient
{
    private readonly HttpClient _http;
    private readonly MediaWikiClientOptions _options;
    private readonly MediaWikiCallPolicy _policy;
    private readonly ActionApiEmulator? _emulator;

    /// <summary>Creates a client over an <see cref="HttpClient"/> (its own timeout is not used; set it infinite).</summary>
    public MediaWikiActionClient(HttpClient http, MediaWikiClientOptions options)
        : this(http, options, emulator: null)
    {
    }

    /// <summary>A client whose requests carry <paramref name="emulator"/> for the offline named client's handler.</summary>
    internal MediaWikiActionClient(HttpClient http, MediaWikiClientOptions options, ActionApiEmulator? emulator)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _policy = options.PolicyFor(MediaWikiApi.Action);
        _emulator = emulator;
    }

    /// <summary>The wiki could not be reached or answered with an error: a 5xx whose reason is the code that ended the attempts.</summary>
    internal static UpstreamDataException Unavailable(string message, string code, Exception? inner = null, int status = 502) =>
        new(status, message, code, inner);

    /// <summary>Runs <c>action=query</c> with the parameters and returns the parsed JSON document.</summary>
    public async Task<JsonDocument> QueryAsync(string lang, IEnumerable<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken)
    {
        var host = MediaWikiHosts.WikipediaHost(lang);
        using var request = new HttpRequestMessage(HttpMethod.Get, BuildUri(host, parameters));
        request.Headers.UserAgent.ParseAdd(_options.UserAgent);
        request.Headers.Accept.ParseAdd("application/json");
        if (_options.WikiUrl is not null)
        {
            request.Headers.Host = host;
        }

        _policy.ApplyTo(request);
        if (_emulator is not null)
        {
            request.Options.Set(ActionApiEmulatorHandler.EmulatorKey, _emulator);
        }

        // Without a pipeline (a bare HttpClient) this bounds the one attempt; with one, the pipeline's attempt timeout is shorter.
        using var callCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        callCts.CancelAfter(MediaWikiResilience.TotalTimeout);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, callCts.Token).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            throw Unavailable($"MediaWiki API at {host} timed out after {_options.Timeout.TotalSeconds:0.#} s", "timeout", ex, 504);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unavailable($"MediaWiki API at {host} timed out", "timeout", ex, 504);
        }
        catch (HttpRequestException ex)
        {
            throw Unavailable($"MediaWiki API at {host} unreachable: {ex.Message}", "network", ex);
        }
        catch (BrokenCircuitException ex)
        {
            // The client's resilience pipeline refused the call (circuit open after repeated failures).
            throw Unavailable($"MediaWiki API at {host} unavailable: {ex.Message}", "circuit-open", ex, 503);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (status >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                throw Unavailable($"MediaWiki API at {host} still answering HTTP {status} after {_policy.MaxRetries + 1} attempts", $"http {status}");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw Unavailable($"MediaWiki API at {host} answered HTTP {status}", $"http {status}");
            }

            JsonDocument document;
            try
            {
                var body = await response.Content.ReadAsStreamAsync(callCts.Token).ConfigureAwait(false);
                document = await JsonDocument.ParseAsync(body, cancellationToken: callCts.Token).ConfigureAwait(false);
            }
            catch (JsonException ex)
            {
                throw Unavailable($"MediaWiki API at {host} returned invalid JSON: {ex.Message}", "invalid-json", ex);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw Unavailable($"MediaWiki API at {host} timed out reading the response", "timeout", ex, 504);
            }

            if (document.RootElement.TryGetProperty("error", out var error))
            {
                var code = error.TryGetProperty("code", out var c) ? c.GetString() ?? "" : "";
                var info = error.TryGetProperty("info", out var i) ? i.GetString() ?? "" : "";
                document.Dispose();
                throw Unavailable($"MediaWiki API error {code}: {info}", code);
            }

            return document;
        }
    }

    internal Uri BuildUri(string host, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var baseUri = _options.WikiUrl?.ToString().TrimEnd('/') ?? $"{(_options.ForceHttp ? "http" : "https")}://{host}";
        var query = new StringBuilder("action=query&format=json&formatversion=2");
        if (_options.MaxLag is { } maxLag)
        {
            query.Append("&maxlag=").Append(maxLag);
        }

        foreach (var (key, value) in parameters)
        {
            query.Append('&').Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
        }

        return new Uri($"{baseUri}/w/api.php?{query}");
    }
}

using System.Net;
using System.Text;
using System.Text.Json;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace LiftWing.Wiki.MediaWiki;

/// <summary>
/// Sends Action API queries (<c>format=json&amp;formatversion=2</c>) for one Wikipedia: the host (or <c>WIKI_URL</c> plus a
/// <c>Host</c> header), User-Agent, and the call's retry settings. Retries (5xx, 429, <c>maxlag</c>, <c>ratelimited</c>,
/// honouring <c>Retry-After</c>) and the per-attempt timeout are the named client's resilience pipeline
/// (<c>AddMediaWiki()</c>); a bare <see cref="HttpClient"/> makes one attempt. Other API errors fail at once.
/// </summary>
public sealed class MediaWikiActionClient
{
    private readonly HttpClient _http;
    private readonly MediaWikiClientOptions _options;
    private readonly MediaWikiCallPolicy _policy;

    /// <summary>Creates a client over an <see cref="HttpClient"/> (its own timeout is not used; set it infinite).</summary>
    public MediaWikiActionClient(HttpClient http, MediaWikiClientOptions options)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        if (options.MaxRetries is < 0 or > MediaWikiCallPolicy.MaxRetriesLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"MaxRetries must be between 0 and {MediaWikiCallPolicy.MaxRetriesLimit}.");
        }

        _policy = new MediaWikiCallPolicy(options.MaxRetries, options.RetryBaseDelay, options.MaxRetryDelay, options.Timeout);
    }

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
            throw new MediaWikiUnavailableException($"MediaWiki API at {host} timed out after {_options.Timeout.TotalSeconds:0.#} s", ex) { Code = "timeout" };
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MediaWikiUnavailableException($"MediaWiki API at {host} timed out", ex) { Code = "timeout" };
        }
        catch (HttpRequestException ex)
        {
            throw new MediaWikiUnavailableException($"MediaWiki API at {host} unreachable: {ex.Message}", ex) { Code = "network" };
        }
        catch (BrokenCircuitException ex)
        {
            // The client's resilience pipeline refused the call (circuit open after repeated failures).
            throw new MediaWikiUnavailableException($"MediaWiki API at {host} unavailable: {ex.Message}", ex) { Code = "circuit-open" };
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (status >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                throw new MediaWikiUnavailableException($"MediaWiki API at {host} still answering HTTP {status} after {_options.MaxRetries + 1} attempts") { Code = $"http {status}" };
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new MediaWikiUnavailableException($"MediaWiki API at {host} answered HTTP {status}") { Code = $"http {status}" };
            }

            JsonDocument document;
            try
            {
                var body = await response.Content.ReadAsStreamAsync(callCts.Token).ConfigureAwait(false);
                document = await JsonDocument.ParseAsync(body, cancellationToken: callCts.Token).ConfigureAwait(false);
            }
            catch (JsonException ex)
            {
                throw new MediaWikiUnavailableException($"MediaWiki API at {host} returned invalid JSON: {ex.Message}", ex) { Code = "invalid-json" };
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new MediaWikiUnavailableException($"MediaWiki API at {host} timed out reading the response", ex) { Code = "timeout" };
            }

            if (document.RootElement.TryGetProperty("error", out var error))
            {
                var code = error.TryGetProperty("code", out var c) ? c.GetString() ?? "" : "";
                var info = error.TryGetProperty("info", out var i) ? i.GetString() ?? "" : "";
                document.Dispose();
                throw new MediaWikiUnavailableException($"MediaWiki API error {code}: {info}") { Code = code };
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

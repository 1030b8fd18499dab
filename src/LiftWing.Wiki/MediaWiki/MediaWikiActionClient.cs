using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiftWing.Wiki.MediaWiki;

/// <summary>
/// Sends Action API queries (<c>format=json&amp;formatversion=2</c>) for one Wikipedia: the host (or <c>WIKI_URL</c> plus a
/// <c>Host</c> header), User-Agent, a per-attempt timeout, and retries with exponential backoff on 5xx, 429,
/// <c>maxlag</c> and <c>ratelimited</c> (honouring <c>Retry-After</c>). Other API errors fail at once.
/// </summary>
public sealed partial class MediaWikiActionClient
{
    private readonly HttpClient _http;
    private readonly MediaWikiClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates a client over an <see cref="HttpClient"/> (its own timeout is not used; set it infinite).</summary>
    public MediaWikiActionClient(HttpClient http, MediaWikiClientOptions options, TimeProvider? time = null, ILogger<MediaWikiActionClient>? logger = null)
    {
        _http = http;
        _options = options;
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Runs <c>action=query</c> with the parameters and returns the parsed JSON document.</summary>
    public async Task<JsonDocument> QueryAsync(string lang, IEnumerable<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken)
    {
        var host = MediaWikiHosts.WikipediaHost(lang);
        var uri = BuildUri(host, parameters);
        for (var attempt = 0; ; attempt++)
        {
            var (document, retryCode, retryAfter) = await SendOnceAsync(uri, host, cancellationToken).ConfigureAwait(false);
            if (document is not null)
            {
                return document;
            }

            if (attempt >= _options.MaxRetries)
            {
                throw new MediaWikiUnavailableException($"MediaWiki API at {host} still failing after {attempt + 1} attempts ({retryCode})") { Code = retryCode };
            }

            var delay = retryAfter ?? Backoff(attempt);
            LogRetry(_logger, host, retryCode!, attempt + 1, delay.TotalMilliseconds);
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
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

    private async Task<(JsonDocument? Document, string? RetryCode, TimeSpan? RetryAfter)> SendOnceAsync(Uri uri, string host, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.UserAgent.ParseAdd(_options.UserAgent);
        request.Headers.Accept.ParseAdd("application/json");
        if (_options.WikiUrl is not null)
        {
            request.Headers.Host = host;
        }

        using var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attemptCts.CancelAfter(_options.Timeout);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, attemptCts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MediaWikiUnavailableException($"MediaWiki API at {host} timed out after {_options.Timeout.TotalSeconds:0.#} s", ex) { Code = "timeout" };
        }
        catch (HttpRequestException ex)
        {
            throw new MediaWikiUnavailableException($"MediaWiki API at {host} unreachable: {ex.Message}", ex) { Code = "network" };
        }
        catch (Polly.ExecutionRejectedException ex)
        {
            // The client's resilience pipeline refused the call (circuit open after repeated failures).
            throw new MediaWikiUnavailableException($"MediaWiki API at {host} unavailable: {ex.Message}", ex) { Code = "circuit-open" };
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (status >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return (null, $"http {status}", RetryAfter(response));
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new MediaWikiUnavailableException($"MediaWiki API at {host} answered HTTP {status}") { Code = $"http {status}" };
            }

            JsonDocument document;
            try
            {
                var body = await response.Content.ReadAsStreamAsync(attemptCts.Token).ConfigureAwait(false);
                document = await JsonDocument.ParseAsync(body, cancellationToken: attemptCts.Token).ConfigureAwait(false);
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
                if (code is "maxlag" or "ratelimited")
                {
                    return (null, code, RetryAfter(response));
                }

                throw new MediaWikiUnavailableException($"MediaWiki API error {code}: {info}") { Code = code };
            }

            return (document, null, null);
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        var delay = header?.Delta ?? (header?.Date is { } date ? date - _time.GetUtcNow() : null);
        if (delay is null)
        {
            return null;
        }

        return delay < TimeSpan.Zero ? TimeSpan.Zero : (delay > _options.MaxRetryDelay ? _options.MaxRetryDelay : delay);
    }

    private TimeSpan Backoff(int attempt)
    {
        // Full jitter keeps many replicas from retrying in lockstep against a lagged database.
#pragma warning disable CA5394 // Not security: jitter.
        var jitter = 0.5 + (Random.Shared.NextDouble() / 2);
#pragma warning restore CA5394
        var ms = _options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt) * jitter;
        return TimeSpan.FromMilliseconds(Math.Min(ms, _options.MaxRetryDelay.TotalMilliseconds));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "MediaWiki {Host}: {Code}, retry {Attempt} in {DelayMs} ms")]
    private static partial void LogRetry(ILogger logger, string host, string code, int attempt, double delayMs);
}

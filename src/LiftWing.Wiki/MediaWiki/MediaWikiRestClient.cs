using System.Net;
using System.Text;
using LiftWing.Core.Errors;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace LiftWing.Wiki.MediaWiki;

/// <summary>
/// The MediaWiki REST API calls LiftWing needs: the Parsoid HTML of one revision
/// (<c>GET /w/rest.php/v1/revision/{id}/html</c>). The named client's pipeline retries transient failures once (5xx,
/// 429, timeouts, connection errors); a missing or hidden revision is a clear 422 instead of Lift Wing's 500.
/// </summary>
public sealed class MediaWikiRestClient
{
    /// <summary>The name of the <see cref="IHttpClientFactory"/> client, when the host registers one.</summary>
    public const string HttpClientName = "mediawiki";

    private readonly HttpClient _http;
    private readonly MediaWikiClientOptions _options;
    private readonly MediaWikiCallPolicy _policy;

    /// <summary>
    /// Creates the client over an <see cref="HttpClient"/> whose own timeout is infinite. Retries and the per-attempt
    /// timeout are the named client's resilience pipeline (<c>AddMediaWiki()</c>); a bare client makes one attempt.
    /// </summary>
    public MediaWikiRestClient(HttpClient http, MediaWikiClientOptions options)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _policy = options.PolicyFor(MediaWikiApi.Rest);
    }

    /// <summary>The wiki's host name for a language code, e.g. <c>en</c> → <c>en.wikipedia.org</c>.</summary>
    public static string WikipediaHost(string lang)
    {
        ArgumentNullException.ThrowIfNull(lang);
        if (lang.Length == 0 || lang.Length > 40 || !lang.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_'))
        {
            // The code becomes part of a host name: refuse anything that could point elsewhere.
            throw new InvalidInputException($"Invalid language code \"{lang}\": expected lower-case letters, digits, '-' or '_'.");
        }

        // Database names use '_' (zh_min_nan) where host names use '-' (zh-min-nan.wikipedia.org).
        return lang.Replace('_', '-') + ".wikipedia.org";
    }

    /// <summary>Fetches a revision's Parsoid HTML.</summary>
    /// <exception cref="UpstreamDataException">422 when the revision does not exist or is hidden; 502/504 when the wiki fails.</exception>
    public async Task<string> GetRevisionHtmlAsync(string lang, long revisionId, CancellationToken cancellationToken)
    {
        var host = WikipediaHost(lang);
        var path = $"/w/rest.php/v1/revision/{revisionId}/html";
        var uri = _options.WikiUrl is { } baseUrl
            ? new Uri(baseUrl.GetLeftPart(UriPartial.Authority) + baseUrl.AbsolutePath.TrimEnd('/') + path)
            : new Uri($"https://{host}{path}");
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
        request.Headers.Accept.ParseAdd("text/html");
        if (_options.WikiUrl is not null)
        {
            request.Headers.Host = host;
        }

        _policy.ApplyTo(request);

        // The pipeline times each attempt up to the headers; this bounds the whole call and the body read after it.
        using var callCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        callCts.CancelAfter(MediaWikiResilience.TotalTimeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, callCts.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
            {
                throw new UpstreamDataException(422, $"Fetching html failed for the article revision with id: {revisionId}. Reason: the revision does not exist on {host}.", "revision-missing");
            }

            if (response.StatusCode == HttpStatusCode.Forbidden)
            {
                throw new UpstreamDataException(422, $"Fetching html failed for the article revision with id: {revisionId}. Reason: the revision is deleted or hidden on {host}.", "revision-hidden");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw Failed(revisionId, host, $"{host} answered {status} {response.ReasonPhrase}", timedOut: false);
            }

            // The body read gets one attempt's time, as the headers did.
            using var readCts = CancellationTokenSource.CreateLinkedTokenSource(callCts.Token);
            readCts.CancelAfter(_options.Timeout);
            return await ReadLimitedAsync(response.Content, revisionId, readCts.Token).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            throw Failed(revisionId, host, $"no answer within {_options.Timeout.TotalSeconds:0.###} s", timedOut: true, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failed(revisionId, host, $"no answer within {_options.Timeout.TotalSeconds:0.###} s", timedOut: true, ex);
        }
        catch (HttpRequestException ex)
        {
            throw Failed(revisionId, host, ex.Message, timedOut: false, ex);
        }
        catch (BrokenCircuitException ex)
        {
            // The client's resilience pipeline refused the call (circuit open after repeated failures): no retry.
            throw new UpstreamDataException(503, $"Failed to get article revision with id: {revisionId} from {host}. Reason: {ex.Message}", "upstream-unavailable", ex);
        }
    }

    /// <summary>A transient failure that outlasted the retries: 502, or 504 for a timeout.</summary>
    private static UpstreamDataException Failed(long revisionId, string host, string reason, bool timedOut, Exception? inner = null) => new(
        timedOut ? 504 : 502,
        $"Failed to get article revision with id: {revisionId} from {host}. Reason: {reason}.",
        timedOut ? "upstream-timeout" : "upstream-error",
        inner);

    private async Task<string> ReadLimitedAsync(HttpContent content, long revisionId, CancellationToken cancellationToken)
    {
        var limit = _options.MaxResponseBytes;
        if (content.Headers.ContentLength is { } length && length > limit)
        {
            throw TooLarge(revisionId, limit);
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    throw TooLarge(revisionId, limit);
                }

                buffer.Write(chunk, 0, read);
            }

            // Parsoid HTML is always UTF-8.
            return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
    }

    private static UpstreamDataException TooLarge(long revisionId, long limit) =>
        new(422, $"The html of the article revision with id: {revisionId} is larger than the {limit}-byte limit.", "html-too-large");
}

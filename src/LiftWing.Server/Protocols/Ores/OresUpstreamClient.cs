using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace LiftWing.Server.Protocols.Ores;

/// <summary>
/// Calls an upstream Lift Wing revscoring isvc as ores-legacy does: <c>POST {upstream}/v1/models/{context}-{model}:predict</c>
/// with <c>{"rev_id", "extended_output"}</c> and (by default) the isvc's <c>Host</c>, through the resilient named client.
/// Every failure becomes a per-score error, never an exception.
/// </summary>
internal sealed partial class OresUpstreamClient(IHttpClientFactory factory, IOptions<OresOptions> options, ILogger<OresUpstreamClient> logger)
{
    /// <summary>The named HttpClient.</summary>
    public const string HttpClientName = "liftwing-ores-upstream";

    // A revscoring answer is a few kB (64 topic probabilities and features at most); anything far larger is not one.
    private const int MaxBodyBytes = 4 * 1024 * 1024;

    private static readonly MediaTypeHeaderValue JsonType = new("application/json");

    private readonly OresOptions _options = options.Value;

    /// <summary>Scores one revision with one upstream model.</summary>
    public async Task<OresScore> ScoreAsync(OresModelEntry entry, long revid, bool features, CancellationToken cancellationToken)
    {
        var url = new Uri($"{_options.Upstream.TrimEnd('/')}/v1/models/{entry.Isvc}:predict");
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        if (_options.HostHeaderWanted)
        {
            request.Headers.Host = $"{entry.Isvc}.{entry.Namespace}.wikimedia.org";
        }

        var body = Encoding.UTF8.GetBytes($"{{\"rev_id\": {revid}, \"extended_output\": {(features ? "true" : "false")}}}");
        request.Content = new ByteArrayContent(body) { Headers = { ContentType = JsonType } };
        try
        {
            using var client = factory.CreateClient(HttpClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var bytes = await ReadBoundedAsync(response.Content, cancellationToken).ConfigureAwait(false);
            if (bytes is null)
            {
                return OresScore.Error(entry, revid, $"Lift Wing's answer for {entry.Isvc} is larger than {MaxBodyBytes} bytes.", "ClientError");
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                var reason = response.ReasonPhrase is { Length: > 0 } r ? r : ReasonPhrases.GetReasonPhrase((int)response.StatusCode);
                var message = ErrorMessage(response.Content.Headers.ContentType?.MediaType, bytes);
                UpstreamError(logger, entry.Isvc, revid, (int)response.StatusCode, message);
                return OresScore.Error(entry, revid, message, reason);
            }

            return OresAnswerParser.Parse(entry, revid, bytes);
        }
        catch (HttpRequestException ex) when (ex.InnerException is SocketException || ex.HttpRequestError == HttpRequestError.ConnectionError || ex.HttpRequestError == HttpRequestError.NameResolutionError)
        {
            UpstreamFailed(logger, entry.Isvc, revid, ex.Message);
            var ssl = url.Scheme == Uri.UriSchemeHttps ? "default" : "False";
            return OresScore.Error(entry, revid, $"Cannot connect to host {url.Host}:{url.Port} ssl:{ssl} [{ex.InnerException?.Message ?? ex.Message}]", "ClientConnectorError");
        }
        catch (HttpRequestException ex)
        {
            UpstreamFailed(logger, entry.Isvc, revid, ex.Message);
            return OresScore.Error(entry, revid, ex.Message, "ClientError");
        }
        catch (BrokenCircuitException ex)
        {
            UpstreamFailed(logger, entry.Isvc, revid, ex.Message);
            return OresScore.Error(entry, revid, $"Lift Wing ({url.Host}) is failing; calls are paused for a moment.", "ClientError");
        }
        catch (Exception ex) when (ex is TimeoutRejectedException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            UpstreamFailed(logger, entry.Isvc, revid, "timed out");
            return OresScore.Error(entry, revid, $"Timed out after {_options.UpstreamTimeout.TotalSeconds:0.###} seconds.", "TimeoutError");
        }
    }

    /// <summary>ores-legacy's message for a non-200: the JSON body's <c>error</c>, else the text.</summary>
    internal static string ErrorMessage(string? mediaType, byte[] body)
    {
        if (!string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Encoding.UTF8.GetString(body);
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("error", out var error))
            {
                return error.ValueKind == JsonValueKind.String ? error.GetString()! : error.GetRawText();
            }

            // ores-legacy indexes ["error"] and reports the KeyError's text.
            return "'error'";
        }
        catch (JsonException ex)
        {
            return ex.Message;
        }
    }

    private static async Task<byte[]?> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "ORES upstream {Isvc} revision {RevId}: HTTP {Status}: {Error}")]
    private static partial void UpstreamError(ILogger logger, string isvc, long revId, int status, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ORES upstream {Isvc} revision {RevId} failed: {Reason}")]
    private static partial void UpstreamFailed(ILogger logger, string isvc, long revId, string reason);
}

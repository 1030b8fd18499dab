using System.Buffers;
using System.Text.Json;

namespace LiftWing.Wiki.MediaWiki;

/// <summary>
/// Sits inside the Action API client's resilience pipeline and makes an API error visible to it: MediaWiki answers
/// <c>maxlag</c> and <c>ratelimited</c> with HTTP 200 and a JSON <c>error</c>, and names the code in the
/// <c>MediaWiki-API-Error</c> header. When a proxy or a recording leaves the header out, this handler buffers the body and
/// reads the code from its first few kilobytes, so the retry predicate only ever looks at a header.
/// </summary>
internal sealed class MediaWikiApiErrorHandler : DelegatingHandler
{
    /// <summary>The header MediaWiki sets on an API error, with the error code.</summary>
    public const string ErrorHeader = "MediaWiki-API-Error";

    // An error answer is small and starts with its "error" object; a longer prefix is a result, not worth scanning.
    private const int ScanBytes = 8192;

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode || response.Headers.Contains(ErrorHeader))
        {
            return response;
        }

        // Buffering here keeps the body read inside the attempt timeout; the client reads the same buffer afterwards.
        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        var buffer = ArrayPool<byte>.Shared.Rent(ScanBytes);
        try
        {
            // Buffered content hands out one shared stream: read the prefix, rewind, and leave it open for the client.
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var length = await stream.ReadAtLeastAsync(buffer.AsMemory(0, ScanBytes), ScanBytes, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            var isWhole = length < ScanBytes || stream.ReadByte() < 0;
            stream.Position = 0;
            if (ErrorCode(buffer.AsSpan(0, length), isWhole) is { } code)
            {
                response.Headers.TryAddWithoutValidation(ErrorHeader, code);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return response;
    }

    /// <summary>The <c>error.code</c> of a top-level JSON object, if the prefix holds one; null otherwise (or not JSON).</summary>
    internal static string? ErrorCode(ReadOnlySpan<byte> json, bool isWhole)
    {
        var reader = new Utf8JsonReader(json, isWhole, default);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!reader.ValueTextEquals("error"u8))
                {
                    if (!reader.TrySkip())
                    {
                        return null;
                    }

                    continue;
                }

                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                {
                    return null;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("code"u8))
                    {
                        return reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    }

                    if (!reader.TrySkip())
                    {
                        return null;
                    }
                }

                return null;
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page): the client reports it; nothing to retry on.
        }

        return null;
    }
}

using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using LiftWing.Core.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiftWing.Server.Http;

/// <summary>
/// Reads a request body into a <see cref="JsonDocument"/> with the size and depth limits, and KServe's
/// decoding rules: JSON (or no content type) must parse; any other content type is tried as UTF-8 JSON.
/// Strings that are not valid UTF-8 or hold a lone surrogate are a 400 naming the field (<see cref="JsonTextValidator"/>).
/// </summary>
internal static class RequestBodyReader
{
    public static async ValueTask<JsonDocument> ReadJsonAsync(HttpContext context, LiftWingServerOptions options, CancellationToken cancellationToken)
    {
        // The body is read into an array of its own size and parsed in place: the bytes are copied once, off the pipe.
        var body = await ReadCoreAsync(context, options, pooled: false, cancellationToken).ConfigureAwait(false);
        return ParseOwnedJson(body, context.Request.ContentType, options, validateText: true);
    }

    /// <summary>
    /// Parses a body already read; the document keeps its own copy of the bytes. <paramref name="validateText"/> false
    /// skips the string check for a caller that has already run <see cref="JsonTextValidator"/> over the same bytes.
    /// </summary>
    public static JsonDocument ParseJson(ReadOnlyMemory<byte> body, string? contentType, LiftWingServerOptions options, bool validateText = true) =>
        // Parse a copy: the caller's buffer goes back to a pool when the request ends.
        ParseOwnedJson(body.ToArray(), contentType, options, validateText);

    /// <summary>Parses bytes the document may keep (nobody else writes them again).</summary>
    private static JsonDocument ParseOwnedJson(ReadOnlyMemory<byte> body, string? contentType, LiftWingServerOptions options, bool validateText)
    {
        var isJson = IsJsonContentType(contentType);
        try
        {
            var doc = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = options.MaxJsonDepth });
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                doc.Dispose();
                throw new InvalidInputException("Please verify that request input is a json dict");
            }

            try
            {
                if (validateText)
                {
                    JsonTextValidator.Validate(body.Span, options.MaxJsonDepth);
                }
            }
            catch
            {
                doc.Dispose();
                throw;
            }

            return doc;
        }
        catch (JsonException ex)
        {
            throw new InvalidInputException(isJson
                ? $"Unrecognized request format: {Describe(ex, body.IsEmpty)}"
                : "Please verify that request input is a json dict");
        }
    }

    /// <summary>Reads the whole body, within the size limit, into a pooled buffer (dispose returns it).</summary>
    public static async ValueTask<PooledBody> ReadBytesAsync(HttpContext context, LiftWingServerOptions options, CancellationToken cancellationToken)
    {
        var body = await ReadCoreAsync(context, options, pooled: true, cancellationToken).ConfigureAwait(false);
        return new PooledBody(body);
    }

    /// <summary>Reads the whole body into a rented array (<paramref name="pooled"/>) or one of exactly its length.</summary>
    private static async ValueTask<ArraySegment<byte>> ReadCoreAsync(HttpContext context, LiftWingServerOptions options, bool pooled, CancellationToken cancellationToken)
    {
        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            // Room to drain a modestly oversized body, so the client reads our 413 instead of a reset connection.
            feature.MaxRequestBodySize = options.MaxRequestBodyBytes + DrainAllowance;
        }

        if (context.Request.ContentLength > options.MaxRequestBodyBytes)
        {
            await DrainAsync(context.Request.BodyReader).ConfigureAwait(false);
            throw TooLarge(options);
        }

        var reader = context.Request.BodyReader;
        ReadResult result;
        RequestLimitsOptions? limits = null;
        // A deadline for the whole body: Kestrel's minimum data rate alone lets a slow body hold the connection forever.
        // It (and its timer) is made only when the body is not already all there, as a small body usually is.
        CancellationTokenSource? deadline = null;
        try
        {
            var ready = reader.TryRead(out result);
            while (true)
            {
                if (!ready)
                {
                    if (deadline is null)
                    {
                        limits = context.RequestServices?.GetService<IOptions<RequestLimitsOptions>>()?.Value ?? new RequestLimitsOptions();
                        deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                        deadline.CancelAfter(limits.BodyReadTimeout);
                    }

                    result = await reader.ReadAsync(deadline.Token).ConfigureAwait(false);
                }

                ready = false;
                if (result.Buffer.Length > options.MaxRequestBodyBytes)
                {
                    reader.AdvanceTo(result.Buffer.End);
                    await DrainAsync(reader).ConfigureAwait(false);
                    throw TooLarge(options);
                }

                if (result.IsCompleted || result.IsCanceled)
                {
                    break;
                }

                reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(options);
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel's framing errors (a bad chunk size, a body shorter than its Content-Length, too slow a rate).
            throw new InvalidInputException($"Malformed request body: {ex.Message}", ex.StatusCode);
        }
        catch (IOException ex) when (ex is not BadHttpRequestException)
        {
            // Kestrel's chunked decoder reports some framing errors (e.g. a chunk size that overflows) as plain IOExceptions.
            throw new InvalidInputException($"Malformed request body: {ex.Message}");
        }
        catch (InvalidDataException)
        {
            // From request decompression: the body claimed gzip, deflate or br and is not.
            throw new InvalidInputException($"The request body is not valid {context.Request.Headers.ContentEncoding} data.");
        }
        catch (OperationCanceledException) when (deadline is not null && deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new InvalidInputException($"Reading the request body took longer than {limits!.BodyReadTimeout.TotalSeconds:0.###} s.", StatusCodes.Status408RequestTimeout);
        }
        finally
        {
            deadline?.Dispose();
        }

        // Copy out: the pipe reuses its memory for other requests as soon as AdvanceTo runs.
        var buffer = result.Buffer;
        var length = (int)buffer.Length;
        var array = pooled ? ArrayPool<byte>.Shared.Rent(Math.Max(length, 1)) : new byte[length];
        buffer.CopyTo(array);
        reader.AdvanceTo(buffer.End);
        return new ArraySegment<byte>(array, 0, length);
    }

    private const long DrainAllowance = 4 * 1024 * 1024;

    /// <summary>Reads and drops what is left of the body (bounded by Kestrel's limit and 2 s).</summary>
    private static async Task DrainAsync(PipeReader reader)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            while (true)
            {
                var r = await reader.ReadAsync(cts.Token).ConfigureAwait(false);
                reader.AdvanceTo(r.Buffer.End);
                if (r.IsCompleted || r.IsCanceled)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or BadHttpRequestException or IOException)
        {
            // Over the drain allowance or too slow: Kestrel closes the connection after the response.
        }
    }

    private static InvalidInputException TooLarge(LiftWingServerOptions options) =>
        new($"Request body too large: the limit is {options.MaxRequestBodyBytes} bytes.", StatusCodes.Status413PayloadTooLarge);

    private static bool IsJsonContentType(string? contentType) =>
        string.IsNullOrEmpty(contentType) || contentType.Contains("json", StringComparison.OrdinalIgnoreCase);

    private static string Describe(JsonException ex, bool empty) =>
        empty ? "the request body is empty" : ex.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].TrimEnd('.') + ".";
}

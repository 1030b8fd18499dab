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
    public static ValueTask<JsonDocument> ReadJsonAsync(HttpContext context, LiftWingServerOptions options, CancellationToken cancellationToken) =>
        ReadJsonAsync(context, options, options.MaxRequestBodyBytes, cancellationToken);

    /// <summary>
    /// Reads and parses with a body limit of <paramref name="maxBytes"/> (a model's own <c>max_request_body_bytes</c>).
    /// The body is copied out of the pipe as it arrives into one rented array that the document reads in place, so a
    /// large body is held once and, above 85 kB, is not a fresh large-object-heap array per request (whose budget is
    /// what starts background gen-2 collections). The array goes back to the pool when the request has completed, so
    /// the caller must dispose the document before then (the endpoints' <c>using</c> does).
    /// </summary>
    public static async ValueTask<JsonDocument> ReadJsonAsync(HttpContext context, LiftWingServerOptions options, long maxBytes, CancellationToken cancellationToken)
    {
        var (array, length) = await ReadCoreAsync(context, maxBytes, pooled: true, cancellationToken).ConfigureAwait(false);
        JsonDocument doc;
        try
        {
            doc = ParseJson(array.AsMemory(0, length), context.Request.ContentType, options, validateText: true, copy: false);
        }
        catch
        {
            Release(array, pooled: true);
            throw;
        }

        context.Response.RegisterForDispose(new PooledBody(array, length));
        return doc;
    }

    /// <summary>
    /// Parses a body already read; the document keeps its own copy of the bytes. <paramref name="validateText"/> false
    /// skips the string check for a caller that has already run <see cref="JsonTextValidator"/> over the same bytes.
    /// </summary>
    public static JsonDocument ParseJson(ReadOnlyMemory<byte> body, string? contentType, LiftWingServerOptions options, bool validateText = true) =>
        ParseJson(body, contentType, options, validateText, copy: true);

    /// <summary>
    /// Parses and checks a body as <see cref="ReadJsonAsync(HttpContext, LiftWingServerOptions, long, CancellationToken)"/>
    /// does, reading <paramref name="body"/> in place: the caller keeps the memory unchanged until it disposes the
    /// document.
    /// </summary>
    public static JsonDocument ParseJsonInPlace(ReadOnlyMemory<byte> body, string? contentType, LiftWingServerOptions options) =>
        ParseJson(body, contentType, options, validateText: true, copy: false);

    private static JsonDocument ParseJson(ReadOnlyMemory<byte> body, string? contentType, LiftWingServerOptions options, bool validateText, bool copy)
    {
        var isJson = IsJsonContentType(contentType);
        try
        {
            // Parse a copy unless the caller hands the memory over: a pooled buffer goes back when the request ends.
            var doc = JsonDocument.Parse(copy ? body.ToArray().AsMemory() : body, new JsonDocumentOptions { MaxDepth = options.MaxJsonDepth });
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                doc.Dispose();
                throw new InvalidInputException("Please verify that request input is a json dict");
            }

            try
            {
                if (validateText)
                {
                    // Over the parsed document: only the strings are read again, not the whole body re-tokenized.
                    JsonTextValidator.Validate(doc.RootElement);
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
        var (array, length) = await ReadCoreAsync(context, options.MaxRequestBodyBytes, pooled: true, cancellationToken).ConfigureAwait(false);
        return new PooledBody(array, length);
    }

    // Copies the body out of the pipe as it arrives (the pipe never holds more than a read's worth) into an array sized
    // by Content-Length when there is one, else grown by doubling; rented from the pool when pooled.
    private static async ValueTask<(byte[] Array, int Length)> ReadCoreAsync(HttpContext context, long maxBytes, bool pooled, CancellationToken cancellationToken)
    {
        maxBytes = Math.Min(maxBytes, Array.MaxLength);
        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            // Room to drain a modestly oversized body, so the client reads our 413 instead of a reset connection.
            feature.MaxRequestBodySize = maxBytes + DrainAllowance;
        }

        if (context.Request.ContentLength > maxBytes)
        {
            await DrainAsync(context.Request.BodyReader).ConfigureAwait(false);
            throw TooLarge(maxBytes);
        }

        var reader = context.Request.BodyReader;
        RequestLimitsOptions? limits = null;
        // Content-Length is only a hint (decompression changes the length): the array still grows if the body is longer.
        // Only its first 4 MiB are allocated up front, so a client must send bytes, not just declare them, to make the
        // server hold a large array; past that the array grows straight to the declared length.
        long declared = context.Request.ContentLength is { } cl && string.IsNullOrEmpty(context.Request.Headers.ContentEncoding) ? cl : 0;
        var initial = declared > 0 ? (int)Math.Min(declared, InitialAllocation) : (int)Math.Min(maxBytes, 16 * 1024);
        var array = Allocate(initial, pooled);
        var length = 0;
        // A deadline for the whole body: Kestrel's minimum data rate alone lets a slow body hold the connection forever.
        // It (and its timer) is made only when the body is not already all there, as a small body usually is.
        CancellationTokenSource? deadline = null;
        try
        {
            while (true)
            {
                if (!reader.TryRead(out var result))
                {
                    if (deadline is null)
                    {
                        limits = context.RequestServices?.GetService<IOptions<RequestLimitsOptions>>()?.Value ?? new RequestLimitsOptions();
                        deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                        deadline.CancelAfter(limits.BodyReadTimeout);
                    }

                    result = await reader.ReadAsync(deadline.Token).ConfigureAwait(false);
                }

                var buffer = result.Buffer;
                if (length + buffer.Length > maxBytes)
                {
                    reader.AdvanceTo(buffer.End);
                    await DrainAsync(reader).ConfigureAwait(false);
                    throw TooLarge(maxBytes);
                }

                if (length + buffer.Length > array.Length)
                {
                    var want = Math.Max(length + buffer.Length, Math.Max(declared, 2L * array.Length));
                    var grown = Allocate((int)Math.Min(maxBytes, want), pooled);
                    array.AsSpan(0, length).CopyTo(grown);
                    Release(array, pooled);
                    array = grown;
                }

                buffer.CopyTo(array.AsSpan(length));
                length += (int)buffer.Length;
                reader.AdvanceTo(buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    break;
                }
            }
        }
        catch (Exception ex)
        {
            Release(array, pooled);
            var timedOut = deadline is not null && deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested;
            throw Translate(ex, context, limits ?? new RequestLimitsOptions(), maxBytes, timedOut);
        }
        finally
        {
            deadline?.Dispose();
        }

        return (array, length);
    }

    private static byte[] Allocate(int length, bool pooled) =>
        pooled ? ArrayPool<byte>.Shared.Rent(Math.Max(length, 1)) : GC.AllocateUninitializedArray<byte>(Math.Max(length, 0));

    private static void Release(byte[] array, bool pooled)
    {
        if (pooled)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }

    private static Exception Translate(Exception ex, HttpContext context, RequestLimitsOptions limits, long maxBytes, bool timedOut) => ex switch
    {
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => TooLarge(maxBytes),
        // Kestrel's framing errors (a bad chunk size, a body shorter than its Content-Length, too slow a rate).
        BadHttpRequestException bad => new InvalidInputException($"Malformed request body: {bad.Message}", bad.StatusCode),
        // Kestrel's chunked decoder reports some framing errors (e.g. a chunk size that overflows) as plain IOExceptions.
        IOException io => new InvalidInputException($"Malformed request body: {io.Message}"),
        // From request decompression: the body claimed gzip, deflate or br and is not.
        InvalidDataException => new InvalidInputException($"The request body is not valid {context.Request.Headers.ContentEncoding} data."),
        OperationCanceledException when timedOut =>
            new InvalidInputException($"Reading the request body took longer than {limits.BodyReadTimeout.TotalSeconds:0.###} s.", StatusCodes.Status408RequestTimeout),
        _ => ex,
    };

    private const int InitialAllocation = 4 * 1024 * 1024;

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

    private static InvalidInputException TooLarge(long maxBytes) =>
        new($"Request body too large: the limit is {maxBytes} bytes.", StatusCodes.Status413PayloadTooLarge);

    private static bool IsJsonContentType(string? contentType) =>
        string.IsNullOrEmpty(contentType) || contentType.Contains("json", StringComparison.OrdinalIgnoreCase);

    private static string Describe(JsonException ex, bool empty) =>
        empty ? "the request body is empty" : ex.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].TrimEnd('.') + ".";
}

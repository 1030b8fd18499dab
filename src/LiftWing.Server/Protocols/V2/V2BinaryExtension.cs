using System.Globalization;
using LiftWing.Core.Errors;
using LiftWing.Core.Inference;
using LiftWing.Core.Tensors;
using Microsoft.AspNetCore.Http;

namespace LiftWing.Server.Protocols.V2;

/// <summary>
/// The binary tensor extension over REST (Triton's <c>binary_tensor_data</c>, which KServe decodes): the JSON header
/// is followed by raw tensor bytes; <c>Inference-Header-Content-Length</c> gives the JSON's length.
/// </summary>
internal static class V2BinaryExtension
{
    public const string Name = "binary_tensor_data";
    public const string HeaderName = "Inference-Header-Content-Length";

    /// <summary>Splits a body into its JSON header and binary section (all JSON when the header is absent).</summary>
    public static (ReadOnlyMemory<byte> Json, ReadOnlyMemory<byte> Binary) Split(HttpRequest request, ReadOnlyMemory<byte> body)
    {
        if (!request.Headers.TryGetValue(HeaderName, out var value))
        {
            return (body, ReadOnlyMemory<byte>.Empty);
        }

        if (!int.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length > body.Length)
        {
            throw new InvalidInputException($"{HeaderName} must be a whole number of bytes no larger than the body ({body.Length}); got '{value}'.");
        }

        if (length == 0)
        {
            throw new InvalidInputException($"{HeaderName}: 0 (a raw binary request without a JSON header) is not supported; send the JSON header first.");
        }

        return (body[..length], body[length..]);
    }

    /// <summary>The outputs to send as binary: <c>binary_data_output</c> sets the default, each output's <c>binary_data</c> overrides it.</summary>
    public static HashSet<string>? BinaryOutputs(InferTensorRequest request, IReadOnlyList<TensorData> outputs)
    {
        var all = V2Parameters.IsTrue(request.Parameters, "binary_data_output");
        HashSet<string>? result = null;
        foreach (var t in outputs)
        {
            var binary = all;
            if (request.OutputParameters?.TryGetValue(t.Name, out var p) == true && p.TryGetValue("binary_data", out var b) && b is bool flag)
            {
                binary = flag;
            }

            if (binary)
            {
                (result ??= new HashSet<string>(StringComparer.Ordinal)).Add(t.Name);
            }
        }

        return result;
    }

    /// <summary>Writes the JSON header and the binary outputs' raw bytes, with the header length, as KServe does.</summary>
    public static async Task WriteAsync(HttpContext context, InferTensorResponse response, HashSet<string> binaryOutputs)
    {
        using var buffer = new PooledBufferWriter(16 * 1024);
        V2JsonCodec.EncodeResponse(response, buffer, binaryOutputs);
        var jsonLength = buffer.WrittenCount;
        foreach (var t in response.Outputs)
        {
            if (binaryOutputs.Contains(t.Name))
            {
                RawTensorCodec.Encode(t, buffer);
            }
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.Headers[HeaderName] = jsonLength.ToString(CultureInfo.InvariantCulture);
        context.Response.ContentType = "application/octet-stream";
        context.Response.ContentLength = buffer.WrittenCount;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory).ConfigureAwait(false);
    }

    /// <summary>Writes a JSON response from a pooled buffer.</summary>
    public static async Task WriteJsonAsync(HttpContext context, InferenceResponse model, InferTensorResponse response)
    {
        using var buffer = new PooledBufferWriter(16 * 1024);
        V2JsonCodec.EncodeResponse(response, buffer);
        await Http.ResponseWriter.WriteJsonAsync(context, new InferenceResponse { Json = buffer.WrittenMemory, Cache = model.Cache }).ConfigureAwait(false);
    }
}

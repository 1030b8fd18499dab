using System.Text;
using LiftWing.Core.Errors;

namespace LiftWing.Core.Tensors;

/// <summary>
/// Bounds a V2 (REST or gRPC) response: its output elements and their bytes. A request's input is capped before the
/// model runs, but a model may answer far more than it was given (an embedding per token, a probability per class);
/// past the limits the answer is a 400 naming the limit instead of a response of any size.
/// </summary>
public static class V2OutputLimit
{
    /// <summary>Returns <paramref name="response"/>, or throws <see cref="InvalidInputException"/> when it is over either limit.</summary>
    public static InferTensorResponse Check(InferTensorResponse response, long maxElements, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(response);
        long elements = 0;
        long bytes = 0;
        foreach (var output in response.Outputs)
        {
            elements += output.ElementCount;
            if (elements > maxElements)
            {
                throw new InvalidInputException(
                    $"The response would hold more than {maxElements} output elements (LiftWing:Limits:MaxV2OutputElements); request fewer outputs or a smaller input.");
            }

            bytes += ByteCount(output);
            if (bytes > maxBytes)
            {
                throw new InvalidInputException(
                    $"The response would hold more than {maxBytes} bytes of output data (LiftWing:Limits:MaxV2OutputBytes); request fewer outputs or a smaller input.");
            }
        }

        return response;
    }

    private static long ByteCount(TensorData tensor) => tensor.Data switch
    {
        string[] strings => strings.Sum(s => (long)Encoding.UTF8.GetByteCount(s ?? "")),
        byte[][] blobs => blobs.Sum(b => (long)(b?.Length ?? 0)),
        var data when data.GetType().GetElementType() is { IsPrimitive: true } => Buffer.ByteLength(data),
        _ => tensor.ElementCount * 8,
    };
}

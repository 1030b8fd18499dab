using System.Text.Json;
using LiftWing.Core.Errors;

namespace LiftWing.Models.HuggingFace;

/// <summary>
/// A validated OpenAI <c>POST /v1/embeddings</c> body: <c>model</c>, <c>input</c> (a string or a list of strings),
/// <c>encoding_format</c> (<c>float</c> or <c>base64</c>), <c>dimensions</c> (only the native size) and <c>user</c> (ignored).
/// </summary>
public sealed record OpenAIEmbeddingRequest(string Model, IReadOnlyList<string> Inputs, bool Base64)
{
    /// <summary>Parses and validates a body; every problem is a 400 with a message naming the field.</summary>
    public static OpenAIEmbeddingRequest Parse(JsonElement body, int nativeDimensions, int maxInputs)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidInputException("The request body must be a JSON object.");
        }

        if (!body.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(model.GetString()))
        {
            throw new InvalidInputException("'model' is a required property and must be a string.");
        }

        if (!body.TryGetProperty("input", out var input) || input.ValueKind == JsonValueKind.Null)
        {
            throw new InvalidInputException("'input' is a required property");
        }

        var inputs = ReadInputs(input, maxInputs);
        var base64 = false;
        if (body.TryGetProperty("encoding_format", out var format) && format.ValueKind != JsonValueKind.Null)
        {
            base64 = format.ValueKind == JsonValueKind.String ? format.GetString() switch
            {
                "float" => false,
                "base64" => true,
                _ => throw new InvalidInputException($"'encoding_format' must be 'float' or 'base64', not '{format.GetString()}'."),
            }
            : throw new InvalidInputException("'encoding_format' must be 'float' or 'base64'.");
        }

        if (body.TryGetProperty("dimensions", out var dims) && dims.ValueKind != JsonValueKind.Null)
        {
            if (dims.ValueKind != JsonValueKind.Number || !dims.TryGetInt32(out var d) || d < 1)
            {
                throw new InvalidInputException("'dimensions' must be a positive integer.");
            }

            if (d != nativeDimensions)
            {
                throw new InvalidInputException($"This model does not support 'dimensions': its embeddings have {nativeDimensions} dimensions and cannot be shortened.");
            }
        }

        if (body.TryGetProperty("user", out var user) && user.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
        {
            throw new InvalidInputException("'user' must be a string.");
        }

        return new OpenAIEmbeddingRequest(model.GetString()!, inputs, base64);
    }

    private static List<string> ReadInputs(JsonElement input, int maxInputs)
    {
        if (input.ValueKind == JsonValueKind.String)
        {
            return [NonEmpty(input.GetString()!, 0)];
        }

        if (input.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidInputException("'input' must be a string or a list of strings.");
        }

        var count = input.GetArrayLength();
        if (count == 0)
        {
            throw new InvalidInputException("'input' must not be an empty list.");
        }

        if (count > maxInputs)
        {
            throw new InvalidInputException($"'input' has {count} items; the limit is {maxInputs} per request.");
        }

        var list = new List<string>(count);
        foreach (var item in input.EnumerateArray())
        {
            // Token ids belong to the client's tokenizer (often tiktoken), not this model's: refuse rather than embed nonsense (KServe does too).
            if (item.ValueKind is JsonValueKind.Number or JsonValueKind.Array)
            {
                throw new InvalidInputException("'input' as token lists is not supported");
            }

            if (item.ValueKind != JsonValueKind.String)
            {
                throw new InvalidInputException($"'input[{list.Count}]' must be a string.");
            }

            list.Add(NonEmpty(item.GetString()!, list.Count));
        }

        return list;
    }

    private static string NonEmpty(string s, int index) =>
        s.Length > 0 ? s : throw new InvalidInputException($"'input[{index}]' must not be an empty string.");
}

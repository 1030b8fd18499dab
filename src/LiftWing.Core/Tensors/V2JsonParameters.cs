using System.Text.Json;
using LiftWing.Core.Errors;

namespace LiftWing.Core.Tensors;

/// <summary>Reads a V2 <c>parameters</c> object: strings, booleans, integers (as long), other numbers (as double).</summary>
internal static class V2JsonParameters
{
    /// <summary>Reads the value after a property name; null for JSON null.</summary>
    public static Dictionary<string, object?>? Read(ref Utf8JsonReader reader, string property)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new InvalidInputException($"'{property}' must be an object.");
        }

        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            result[key] = reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString(),
                JsonTokenType.True => true,
                JsonTokenType.False => false,
                JsonTokenType.Number => reader.TryGetInt64(out var l) ? (object)l : reader.GetDouble(),
                JsonTokenType.Null => null,
                _ => JsonElement.ParseValue(ref reader),
            };
        }

        return result;
    }
}

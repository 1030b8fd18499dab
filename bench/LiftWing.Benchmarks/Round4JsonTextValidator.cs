using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;
using LiftWing.Core.Errors;

namespace LiftWing.Benchmarks;

/// <summary>
/// Frozen copy of the body string check before round 5 (the baseline of <see cref="ArticleQualityBenchmarks"/>):
/// One pass over a request body that refuses, with a 400 naming the field, the strings .NET cannot turn into
/// text: invalid UTF-8 and escaped lone surrogates (<c>"\ud800"</c>). JsonDocument accepts both and only fails
/// later, deep in a model, when the string is read.
/// </summary>
internal static class Round4JsonTextValidator
{
    public static void Validate(ReadOnlySpan<byte> body, int maxDepth) =>
        Validate(new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = maxDepth }));

    private static void Validate(Utf8JsonReader reader)
    {
        // The property each open container was found under, to name the field (arrays keep their parent's name).
        var path = new List<string?>();
        string? property = null;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    property = Check(ref reader, path, property, isName: true);
                    break;
                case JsonTokenType.String:
                    Check(ref reader, path, property, isName: false);
                    break;
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    path.Add(property);
                    break;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    property = path.Count > 0 ? path[^1] : null;
                    path.RemoveAt(path.Count - 1);
                    break;
            }
        }
    }

    private static string? Check(ref Utf8JsonReader reader, List<string?> path, string? property, bool isName)
    {
        var valid = reader.HasValueSequence ? IsValid(reader.ValueSequence) : Utf8.IsValid(reader.ValueSpan);
        string? text = null;
        if (valid && (reader.ValueIsEscaped || isName))
        {
            try
            {
                text = reader.GetString();
            }
            catch (InvalidOperationException)
            {
                valid = false;
            }
        }

        if (!valid)
        {
            var field = isName ? "a property name" : $"field '{Name(path, property)}'";
            throw new InvalidInputException($"Invalid string in {field}: it is not valid UTF-8 or contains an unpaired surrogate.");
        }

        return isName ? text : property;
    }

    private static string Name(List<string?> path, string? property) =>
        property ?? (path.Count > 0 ? path[^1] : null) ?? "(top level)";

    private static bool IsValid(ReadOnlySequence<byte> sequence)
    {
        if (sequence.IsSingleSegment)
        {
            return Utf8.IsValid(sequence.FirstSpan);
        }

        // Rare (a string across pipe segments): copy once to validate code points split between segments.
        return Utf8.IsValid(sequence.ToArray());
    }
}

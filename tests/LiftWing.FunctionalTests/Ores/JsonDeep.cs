using System.Text.Json;

namespace LiftWing.FunctionalTests.Ores;

/// <summary>Key-for-key, value-for-value JSON equality (numbers by value, so 1e-16 equals 1E-16), with the path of the first difference.</summary>
public static class JsonDeep
{
    public static void Equal(JsonElement expected, JsonElement actual, string path = "$")
    {
        Assert.True(expected.ValueKind == actual.ValueKind || (IsBool(expected) && IsBool(actual)),
            $"{path}: expected {expected.ValueKind} {expected.GetRawText()}, got {actual.ValueKind} {actual.GetRawText()}");
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var e = expected.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
                var a = actual.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
                Assert.True(e.Keys.Order().SequenceEqual(a.Keys.Order()),
                    $"{path}: keys differ: expected [{string.Join(", ", e.Keys.Order())}], got [{string.Join(", ", a.Keys.Order())}]");
                foreach (var (k, v) in e)
                {
                    Equal(v, a[k], $"{path}.{k}");
                }

                break;
            case JsonValueKind.Array:
                Assert.True(expected.GetArrayLength() == actual.GetArrayLength(), $"{path}: array lengths differ");
                var i = 0;
                foreach (var (x, y) in expected.EnumerateArray().Zip(actual.EnumerateArray()))
                {
                    Equal(x, y, $"{path}[{i++}]");
                }

                break;
            case JsonValueKind.Number:
                Assert.True(expected.GetDouble() == actual.GetDouble(), $"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}");
                break;
            case JsonValueKind.String:
                Assert.True(expected.GetString() == actual.GetString(), $"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}");
                break;
            default:
                Assert.True(expected.ValueKind == actual.ValueKind, $"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}");
                break;
        }
    }

    public static void Equal(string expectedJson, JsonElement actual) => Equal(JsonDocument.Parse(expectedJson).RootElement, actual);

    private static bool IsBool(JsonElement e) => e.ValueKind is JsonValueKind.True or JsonValueKind.False;
}

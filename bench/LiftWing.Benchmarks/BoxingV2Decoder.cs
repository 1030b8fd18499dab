using System.Text.Json;

namespace LiftWing.Benchmarks;

/// <summary>
/// The V2 decode LiftWing used before the typed codec, kept as the in-run baseline: a JsonDocument, the data
/// flattened to a list of elements, each element boxed into the typed array (FP32 only).
/// </summary>
internal static class BoxingV2Decoder
{
    public static Array DecodeFirstInput(byte[] body)
    {
        using var doc = JsonDocument.Parse(body);
        var input = doc.RootElement.GetProperty("inputs")[0];
        var flat = new List<JsonElement>();
        Flatten(input.GetProperty("data"), flat);
        var data = Array.CreateInstance(typeof(float), flat.Count);
        for (var k = 0; k < flat.Count; k++)
        {
            data.SetValue((float)flat[k].GetDouble(), k);
        }

        return data;
    }

    private static void Flatten(JsonElement el, List<JsonElement> into)
    {
        foreach (var item in el.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Array)
            {
                Flatten(item, into);
            }
            else
            {
                into.Add(item);
            }
        }
    }
}

using System.Globalization;
using System.Text.Json;

namespace LiftWing.Models.HuggingFace;

/// <summary>What the server reads from a Hugging Face <c>config.json</c>.</summary>
internal sealed record HuggingFaceConfig
{
    /// <summary>The architectures, e.g. <c>BertForSequenceClassification</c>.</summary>
    public IReadOnlyList<string> Architectures { get; init; } = [];

    /// <summary>The model type, e.g. <c>bert</c>.</summary>
    public string? ModelType { get; init; }

    /// <summary>Labels by class index (from <c>id2label</c>); empty when the config has none.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>The longest sequence the position embeddings allow (<c>max_position_embeddings</c>), or null.</summary>
    public int? MaxPositionEmbeddings { get; init; }

    /// <summary>The hidden size (embedding width), or null.</summary>
    public int? HiddenSize { get; init; }

    /// <summary>Reads config.json; malformed files give an error naming the file.</summary>
    public static HuggingFaceConfig Load(string path)
    {
        try
        {
            using var fs = File.OpenRead(path);
            using var doc = JsonDocument.Parse(fs);
            return Parse(doc.RootElement);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)}: {ex.Message}", ex);
        }
    }

    /// <summary>Reads the fields from a parsed config.json.</summary>
    public static HuggingFaceConfig Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException("config.json must be a JSON object.");
        }

        var archs = root.TryGetProperty("architectures", out var a) && a.ValueKind == JsonValueKind.Array
            ? a.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
            : [];
        return new HuggingFaceConfig
        {
            Architectures = archs,
            ModelType = root.TryGetProperty("model_type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null,
            Labels = ReadLabels(root),
            MaxPositionEmbeddings = TryInt(root, "max_position_embeddings"),
            HiddenSize = TryInt(root, "hidden_size"),
        };
    }

    private static int? TryInt(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;

    private static List<string> ReadLabels(JsonElement root)
    {
        if (!root.TryGetProperty("id2label", out var map) || map.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        var byId = new SortedDictionary<int, string>();
        foreach (var p in map.EnumerateObject())
        {
            if (!int.TryParse(p.Name, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) || id < 0 || p.Value.ValueKind != JsonValueKind.String)
            {
                throw new InvalidDataException($"config.json: id2label key '{p.Name}' must be a non-negative integer with a string label.");
            }

            byId[id] = p.Value.GetString()!;
        }

        if (byId.Count > 0 && byId.Keys.Last() != byId.Count - 1)
        {
            throw new InvalidDataException("config.json: id2label ids must be 0..N-1 without gaps.");
        }

        return byId.Values.ToList();
    }
}

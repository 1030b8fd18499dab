using System.Text.Json;

namespace LiftWing.Models.HuggingFace;

/// <summary>The fields of <c>tokenizer_config.json</c> this server uses.</summary>
internal sealed record TokenizerConfig(bool? DoLowerCase, int? ModelMaxLength)
{
    /// <summary>Reads the file if it exists; an absent file gives empty settings.</summary>
    public static TokenizerConfig Load(string? path)
    {
        if (path is null || !File.Exists(path))
        {
            return new TokenizerConfig(null, null);
        }

        using var fs = File.OpenRead(path);
        using var doc = JsonDocument.Parse(fs);
        var root = doc.RootElement;
        bool? lower = root.TryGetProperty("do_lower_case", out var l) && l.ValueKind is JsonValueKind.True or JsonValueKind.False ? l.GetBoolean() : null;
        // HF writes 1e30 for "no limit"; only a real number of positions is a limit.
        int? max = root.TryGetProperty("model_max_length", out var m) && m.ValueKind == JsonValueKind.Number && m.TryGetDouble(out var d) && d is >= 2 and <= 1_000_000 ? (int)d : null;
        return new TokenizerConfig(lower, max);
    }
}

using System.Text.Json;

namespace LiftWing.Models.ArticleQuality;

/// <summary>
/// The published model (models/articlequality/parameters.json): ordinal-logit coefficients in feature order,
/// the class thresholds, the score transform constants and the floors of the per-wiki maxima.
/// </summary>
internal sealed record ArticleQualityParameters
{
    /// <summary>Feature names in model order: characters, refs, wikilinks, categories, media, headings, sources, infobox, messagebox.</summary>
    public required IReadOnlyList<string> Features { get; init; }

    /// <summary>One coefficient per feature.</summary>
    public required IReadOnlyList<double> Coefficients { get; init; }

    /// <summary>Class labels from worst to best.</summary>
    public required IReadOnlyList<string> Labels { get; init; }

    /// <summary>Cut points between consecutive classes (one fewer than labels), increasing.</summary>
    public required IReadOnlyList<double> Thresholds { get; init; }

    /// <summary>Σ positive coefficients + 1 (Lift Wing's <c>top_score</c>, from the full-precision pickle).</summary>
    public required double TopScore { get; init; }

    /// <summary><see cref="TopScore"/> − Σ negative coefficients (Lift Wing's <c>score_range</c>).</summary>
    public required double ScoreRange { get; init; }

    /// <summary>Lower bounds of the per-wiki maxima, by column name (max_length, max_media, ...).</summary>
    public required IReadOnlyDictionary<string, double> MaximaFloors { get; init; }

    /// <summary>The features the model expects, in order.</summary>
    public static readonly IReadOnlyList<string> ExpectedFeatures =
        ["characters", "refs", "wikilinks", "categories", "media", "headings", "sources", "infobox", "messagebox"];

    /// <summary>Reads and validates a parameters file.</summary>
    /// <exception cref="InvalidDataException">The file is malformed or inconsistent.</exception>
    public static ArticleQualityParameters Load(string path)
    {
        ArticleQualityParameters? p;
        try
        {
            using var stream = File.OpenRead(path);
            p = JsonSerializer.Deserialize<ArticleQualityParameters>(stream, LiftWing.Core.Models.ModelConfigLoader.JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: {ex.Message}", ex);
        }

        if (p is null)
        {
            throw new InvalidDataException($"{path}: empty parameters file.");
        }

        p.Validate(path);
        return p;
    }

    private void Validate(string path)
    {
        var errors = new List<string>();
        if (!Features.SequenceEqual(ExpectedFeatures, StringComparer.Ordinal))
        {
            errors.Add($"features must be [{string.Join(", ", ExpectedFeatures)}]");
        }

        if (Coefficients.Count != ExpectedFeatures.Count)
        {
            errors.Add($"coefficients must have {ExpectedFeatures.Count} values");
        }

        if (Labels.Count < 2 || Thresholds.Count != Labels.Count - 1)
        {
            errors.Add("there must be at least 2 labels and one threshold fewer than labels");
        }

        for (var i = 1; i < Thresholds.Count; i++)
        {
            if (!(Thresholds[i] > Thresholds[i - 1]))
            {
                errors.Add("thresholds must increase");
                break;
            }
        }

        foreach (var key in FeatureMaxima.Columns)
        {
            if (!MaximaFloors.ContainsKey(key))
            {
                errors.Add($"maxima_floors.{key} is missing");
            }
        }

        if (Coefficients.Count == ExpectedFeatures.Count)
        {
            // The stored constants keep the pickle's full precision; they must still agree with the coefficients.
            var top = Coefficients.Where(c => c >= 0).Sum() + 1;
            var range = top - Coefficients.Where(c => c < 0).Sum();
            if (Math.Abs(top - TopScore) > 1e-4 || Math.Abs(range - ScoreRange) > 1e-4)
            {
                errors.Add($"top_score/score_range ({TopScore}, {ScoreRange}) disagree with the coefficients ({top}, {range})");
            }
        }

        if (errors.Count > 0)
        {
            throw new InvalidDataException($"{path}: " + string.Join("; ", errors));
        }
    }
}

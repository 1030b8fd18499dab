using System.Globalization;
using System.Text.Json.Nodes;
using LiftWing.Core.Errors;
using LiftWing.Core.Inference;
using LiftWing.Core.Models;

namespace LiftWing.Tests.Common;

/// <summary>
/// ORES's synthetic test scorer (RevIdScorer) as an in-process model named <c>{context}-{model}</c> that answers in Lift
/// Wing's revscoring shape: P(true) is the reversed last two digits of the revision id over 100 (rev 123 → 0.32),
/// prediction is P(true) &gt; 0.5; <c>extended_output</c> adds <c>{"feature.revision.id": rev_id}</c>.
/// </summary>
public sealed class RevIdScorerModel(ModelConfig config) : ModelBase<(long RevId, bool Extended), (long RevId, double True, bool Extended)>(config)
{
    /// <summary>The server type to register it under.</summary>
    public const string ServerType = "revid-scorer";

    /// <summary>A model.yaml for it.</summary>
    public static string Yaml(string name, string version) => $"name: {name}\nserver: {ServerType}\nversion: \"{version}\"\n";

    /// <inheritdoc />
    protected override Task LoadCoreAsync(ModelLoadContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    protected override ValueTask<(long RevId, bool Extended)> PreprocessAsync(InferenceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Body.TryGetProperty("rev_id", out var r) || !r.TryGetInt64(out var revid))
        {
            throw new InvalidInputException("Expected \"rev_id\" to be an integer.");
        }

        var extended = request.Body.TryGetProperty("extended_output", out var e) && e.ValueKind == System.Text.Json.JsonValueKind.True;
        return ValueTask.FromResult((revid, extended));
    }

    /// <inheritdoc />
    protected override ValueTask<(long RevId, double True, bool Extended)> PredictAsync((long RevId, bool Extended) input, InferenceRequest request, CancellationToken cancellationToken)
    {
        var digits = input.RevId.ToString(CultureInfo.InvariantCulture);
        var lastTwo = digits.Length >= 2 ? digits[^2..] : digits;
        var reversed = int.Parse(new string([.. lastTwo.Reverse()]), CultureInfo.InvariantCulture);
        return ValueTask.FromResult((input.RevId, reversed / 100.0, input.Extended));
    }

    /// <inheritdoc />
    protected override ValueTask<InferenceResponse> PostprocessAsync((long RevId, double True, bool Extended) output, InferenceRequest request, CancellationToken cancellationToken)
    {
        var dash = Name.IndexOf('-', StringComparison.Ordinal);
        var (context, model) = (Name[..dash], Name[(dash + 1)..]);
        var item = new JsonObject
        {
            ["score"] = new JsonObject
            {
                ["prediction"] = output.True > 0.5,
                ["probability"] = new JsonObject { ["false"] = 1 - output.True, ["true"] = output.True },
            },
        };
        if (output.Extended)
        {
            item["features"] = new JsonObject { ["feature.revision.id"] = output.RevId };
        }

        var doc = new JsonObject
        {
            [context] = new JsonObject
            {
                ["models"] = new JsonObject { [model] = new JsonObject { ["version"] = Version } },
                ["scores"] = new JsonObject { [output.RevId.ToString(CultureInfo.InvariantCulture)] = new JsonObject { [model] = item } },
            },
        };
        return ValueTask.FromResult(InferenceResponse.FromUtf8(System.Text.Encoding.UTF8.GetBytes(doc.ToJsonString())));
    }
}

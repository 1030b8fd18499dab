using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using LiftWing.Core.Events;
using LiftWing.Core.Inference;
using LiftWing.Core.Models;

namespace LiftWing.Benchmarks;

/// <summary>
/// A model with revert risk's answer shape and no work of its own (a fixed 0.12), so the events benchmark measures
/// what emitting adds to a request and nothing else. Its classification is read back the way revert risk's is.
/// </summary>
internal sealed class ClassifierBenchModel(ModelConfig config) : ModelBase<JsonElement, JsonElement>(config), IPredictionEventSource
{
    private static readonly byte[] s_answer = JsonSerializer.SerializeToUtf8Bytes(new
    {
        model_name = "revertrisk-language-agnostic", model_version = "1", wiki_db = "enwiki", revision_id = 1319367938,
        output = new { prediction = false, probabilities = new { @true = 0.12, @false = 0.88 } },
    });

    public string DefaultEventStream => "mediawiki.page_revert_risk_prediction_change.v1";

    public PageChangeMatch DefaultMatch => PageChangeMatch.RevertRiskLanguageAgnostic();

    public bool TryGetClassification(InferenceRequest request, ReadOnlySpan<byte> responseJson, [NotNullWhen(true)] out PredictedClassification? classification)
    {
        var reader = new Utf8JsonReader(responseJson);
        using var doc = JsonDocument.ParseValue(ref reader);
        var output = doc.RootElement.GetProperty("output");
        var probabilities = output.GetProperty("probabilities").EnumerateObject().Select(p => new KeyValuePair<string, double>(p.Name, p.Value.GetDouble())).ToList();
        classification = new PredictedClassification(Name, Version, [output.GetProperty("prediction").GetBoolean() ? "true" : "false"], probabilities);
        return true;
    }

    protected override Task LoadCoreAsync(ModelLoadContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    protected override ValueTask<JsonElement> PreprocessAsync(InferenceRequest request, CancellationToken cancellationToken) => ValueTask.FromResult(request.Body);

    protected override ValueTask<JsonElement> PredictAsync(JsonElement input, InferenceRequest request, CancellationToken cancellationToken) => ValueTask.FromResult(input);

    protected override ValueTask<InferenceResponse> PostprocessAsync(JsonElement output, InferenceRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(InferenceResponse.FromUtf8(s_answer));
}

using System.Text;
using System.Text.Json;
using LiftWing.Core.Errors;
using LiftWing.Core.Hashing;
using LiftWing.Core.Inference;
using LiftWing.Core.Models;
using LiftWing.Runtimes.Gbdt;
using LiftWing.Wiki.MediaWiki;
using LiftWing.Wiki.RevertRisk;
using LiftWing.Wiki.Revisions;

namespace LiftWing.Models.RevertRisk;

/// <summary>
/// <c>revertrisk-language-agnostic</c>: the probability that an edit will be reverted, from edit-type counts of the
/// parent → current wikitext diff, the byte delta, the user and the edit's tags and summary, scored by the project's
/// GBDT (<c>model.json</c>, <see cref="TreeEnsembleModel"/>). Lift Wing's four input forms and its answers and errors.
/// </summary>
internal sealed partial class RevertRiskModel : ModelBase<RevertRiskBatch, RevertRiskBatch>
{
    private const string UserAgent = "LiftWing revert-risk model inference (C# re-implementation of WMF Lift Wing)";

    private readonly RevertRiskOptions _options;
    private readonly RevertRiskRequestParser _parser;
    private readonly IRevisionSource _source;
    private readonly IEditTypeCounter _counter;
    private TreeEnsembleModel? _model;

    /// <summary>
    /// Creates the model: options are bound and validated here (a bad one fails the model with its model.yaml key);
    /// the revision source is the one <c>revision_source</c> names, unless <paramref name="source"/> replaces it (tests).
    /// </summary>
    public RevertRiskModel(ModelConfig config, WikiSources wiki, IEditTypeCounter counter, IRevisionSource? source = null)
        : base(config)
    {
        ArgumentNullException.ThrowIfNull(wiki);
        _options = config.GetOptions<RevertRiskOptions>();
        _parser = new RevertRiskRequestParser(_options);
        _counter = counter ?? throw new ArgumentNullException(nameof(counter));
        var endpoint = wiki.Options.Resolve(_options.WikiUrl, _options.ForceHttp, _options.MediawikiTimeoutSeconds);
        _source = source ?? wiki.Create(_options.RevisionSource, new MediaWikiClientOptions
        {
            WikiUrl = endpoint.WikiUrl,
            ForceHttp = endpoint.ForceHttp,
            Timeout = endpoint.Timeout,
            MaxRetries = _options.MediawikiMaxRetries,
            UserAgent = UserAgent,
        }, Config.ResolvePath);
    }

    /// <summary>The revision source in use.</summary>
    internal IRevisionSource Source => _source;

    /// <inheritdoc />
    protected override Task LoadCoreAsync(ModelLoadContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        _model = TreeEnsembleModel.Load(context.GetArtifact("model"));
        if (!_model.FeatureNames.SequenceEqual(RevertRiskFeatures.Names, StringComparer.Ordinal))
        {
            throw new InvalidDataException("model.json was trained on other features than RevertRiskFeatures.Names; retrain it");
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override async ValueTask<RevertRiskBatch> PreprocessAsync(InferenceRequest request, CancellationToken cancellationToken)
    {
        var parsed = _parser.Parse(request.Body);
        if (parsed.Kind == RevertRiskRequestKind.RevisionData)
        {
            var inline = parsed.Inline!;
            var item = new RevertRiskItem(new RevisionKey(-1, inline.Lang)) { Features = RevisionFeatures.Compute(inline, _counter, cancellationToken) };
            return new RevertRiskBatch(parsed.Kind, [item]);
        }

        var items = parsed.Keys.Select(k => new RevertRiskItem(k)).ToArray();
        try
        {
            await Task.WhenAll(items.Select(item => FetchAsync(item, cancellationToken))).ConfigureAwait(false);
        }
        catch (UpstreamDataException ex) when (ex.StatusCode >= 500)
        {
            throw new InferenceException(RevertRiskMessages.MediaWikiFailure, ex);
        }

        var failures = items.Where(i => i.Error is not null).Select(i => (i.Key, i.Error!)).ToList();
        if (failures.Count == items.Length)
        {
            throw new UpstreamDataException(422, RevertRiskMessages.AllFailed(failures), failures[0].Item2) { BodyStyle = ErrorBodyStyle.FastApi };
        }

        return new RevertRiskBatch(parsed.Kind, items);
    }

    private async Task FetchAsync(RevertRiskItem item, CancellationToken cancellationToken)
    {
        var result = await _source.GetRevisionAsync(item.Key.Lang, item.Key.RevisionId, cancellationToken).ConfigureAwait(false);
        if (result.Revision is null)
        {
            item.Error = result.ReasonCode;
            return;
        }

        item.Features = RevisionFeatures.Compute(result.Revision, _counter, cancellationToken);
    }

    /// <inheritdoc />
    protected override ValueTask<RevertRiskBatch> PredictAsync(RevertRiskBatch input, InferenceRequest request, CancellationToken cancellationToken)
    {
        var model = _model ?? throw new InferenceException("model is not loaded");
        foreach (var item in input.Items)
        {
            if (item.Features is { } features)
            {
                item.Probability = model.PredictProbability(features);
            }
        }

        return ValueTask.FromResult(input);
    }

    /// <inheritdoc />
    protected override ValueTask<InferenceResponse> PostprocessAsync(RevertRiskBatch output, InferenceRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (output.Kind == RevertRiskRequestKind.Batch)
            {
                writer.WriteStartObject();
                writer.WriteStartArray("predictions");
                foreach (var item in output.Items.Where(i => i.Error is null))
                {
                    WritePrediction(writer, item);
                }

                writer.WriteEndArray();
                var errors = output.Items.Where(i => i.Error is not null).ToArray();
                if (errors.Length > 0)
                {
                    writer.WriteStartArray("errors");
                    foreach (var item in errors)
                    {
                        writer.WriteStringValue(RevertRiskMessages.BatchError(item.Key, item.Error!));
                    }

                    writer.WriteEndArray();
                }

                writer.WriteEndObject();
            }
            else
            {
                WritePrediction(writer, output.Items[0]);
            }
        }

        return ValueTask.FromResult(InferenceResponse.FromUtf8(buffer.ToArray()));
    }

    private void WritePrediction(Utf8JsonWriter writer, RevertRiskItem item)
    {
        writer.WriteStartObject();
        writer.WriteString("model_name", Name);
        writer.WriteString("model_version", Version);
        writer.WriteString("wiki_db", item.Key.WikiDb);
        if (item.Key.RevisionIdText is { } text)
        {
            writer.WriteString("revision_id", text);
        }
        else
        {
            writer.WriteNumber("revision_id", item.Key.RevisionId);
        }

        writer.WriteStartObject("output");
        writer.WriteBoolean("prediction", item.Probability >= _options.Threshold);
        writer.WriteStartObject("probabilities");
        writer.WriteNumber("true", item.Probability);
        writer.WriteNumber("false", 1 - item.Probability);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    // A string id is answered as a string, so it keys apart from the number (quoted; ids are digits only).
    private static string CacheKeyPart(RevisionKey key) => key.RevisionIdText is { } text ? $"\"{text}\"" : key.Display;

    /// <summary>
    /// <c>{wiki}:{rev_id}</c> for one revision (single or event), <c>{wiki}:{id,id,…}</c> for a batch, and a sha256 of
    /// the canonical revision for <c>revision_data</c>. Invalid requests are not cacheable.
    /// </summary>
    public override string? GetCacheKey(InferenceRequest request)
    {
        RevertRiskRequest parsed;
        try
        {
            parsed = _parser.Parse(request.Body);
        }
        catch (InvalidInputException)
        {
            return null;
        }

        if (parsed.Inline is { } inline)
        {
            var canonical = JsonSerializer.SerializeToUtf8Bytes(inline);
            return "revision_data:" + KeyHash.Sha256Hex(canonical);
        }

        var wiki = parsed.Keys[0].WikiDb;
        return parsed.Kind == RevertRiskRequestKind.Batch
            ? $"{wiki}:{string.Join(',', parsed.Keys.Select(CacheKeyPart))}"
            : $"{wiki}:{CacheKeyPart(parsed.Keys[0])}";
    }
}

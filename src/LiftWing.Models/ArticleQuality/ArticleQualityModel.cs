using System.Text.Json;
using LiftWing.Core.Errors;
using LiftWing.Core.Inference;
using LiftWing.Core.Models;
using LiftWing.Wiki.ArticleFeatures;
using LiftWing.Wiki.MediaWiki;
using LiftWing.Wiki.Revisions;

namespace LiftWing.Models.ArticleQuality;

/// <summary>
/// Lift Wing's language-agnostic <c>articlequality</c> (v1): fetch a revision's Parsoid HTML (or take it from
/// the request), count its features, normalise them with the wiki's maxima and score them with the published
/// ordinal logit. Preprocess validates, fetches and extracts; predict scores; postprocess writes the JSON.
/// </summary>
internal sealed class ArticleQualityModel : ModelBase<ArticleQualityInput, ArticleQualityInput>
{
    private readonly ArticleQualityOptions _options;
    private readonly IRevisionSource _source;
    private ArticleQualityScorer? _scorer;
    private FeatureMaximaTable? _maxima;

    // The request's scratch-space key under which keying leaves its parsed item for that request's preprocess.
    private const string KeyedItem = "articlequality.item";

    /// <summary>
    /// Creates the model from its definition (options validated here, the <c>source</c> built from them);
    /// <see cref="ModelBase{TInput,TOutput}.LoadAsync"/> reads the files.
    /// </summary>
    public ArticleQualityModel(ModelConfig config, WikiSources wiki) : base(config)
    {
        ArgumentNullException.ThrowIfNull(wiki);
        _options = config.GetOptions<ArticleQualityOptions>();
        var endpoint = wiki.Options.Resolve(_options.WikiUrl, modelForceHttp: false, _options.TimeoutSeconds);
        _source = wiki.Create(_options.Source, new MediaWikiClientOptions
        {
            WikiUrl = endpoint.WikiUrl,
            UserAgent = _options.UserAgent,
            Timeout = endpoint.Timeout,
            MaxResponseBytes = _options.MaxHtmlBytes,
        }, Config.ResolvePath);
    }

    /// <summary>Where revision HTML comes from.</summary>
    public IRevisionSource Source => _source;

    /// <inheritdoc />
    protected override Task LoadCoreAsync(ModelLoadContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parameters = ArticleQualityParameters.Load(context.GetArtifact("parameters"));
        _maxima = FeatureMaximaTable.Load(MaximaTablePath(context), parameters.MaximaFloors);
        _scorer = new ArticleQualityScorer(parameters);
        return Task.CompletedTask;
    }

    // An explicit maxima_path wins; else the feature_values artifact (the full table, or its excerpt as fallback).
    private string MaximaTablePath(ModelLoadContext context) =>
        _options.MaximaPath is { Length: > 0 } path ? Config.ResolvePath(path)
        : context.ArtifactPaths.TryGetValue("feature_values", out var artifact) ? artifact
        : Config.ResolvePath("feature_values.tsv");

    /// <summary>How many wikis the loaded maxima table covers.</summary>
    internal int WikiCount => _maxima?.Count ?? 0;

    /// <inheritdoc />
    public override string? GetCacheKey(InferenceRequest request)
    {
        if (request is null || _maxima is not { } maxima || request.Body.ValueKind != JsonValueKind.Object || request.Body.TryGetProperty("instances", out _))
        {
            return null;
        }

        ArticleQualityItem item;
        try
        {
            // Validated before keying: a request that preprocess would refuse must not be answered from the cache.
            item = ArticleQualityRequestParser.ParseItem(request.Body, maxima, _options.MaxHtmlBytes);
        }
        catch (LiftWingException)
        {
            return null;
        }

        try
        {
            if (item.Html is { } html)
            {
                CheckHtmlShape(html.Memory.Span, null);
                item.ShapeChecked = true;
            }
        }
        catch (LiftWingException)
        {
            item.Html?.Dispose();
            return null;
        }

        var key = ArticleQualityRequestParser.CacheKey(request.Body, item.Html);
        if (key is not null)
        {
            // A miss goes on to preprocess with this same request: hand it the parsed item, so a 100 kB page is
            // copied out of the body and scanned once per request, not once for the key and again for the features.
            // (A hit never gets there; its rented page is left to the collector rather than tracked.)
            request.Items[KeyedItem] = item;
        }
        else
        {
            item.Html?.Dispose();
        }

        return key;
    }

    /// <inheritdoc />
    protected override async ValueTask<ArticleQualityInput> PreprocessAsync(InferenceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var maxima = _maxima ?? throw new InvalidOperationException("the model is not loaded.");
        var body = request.Body;
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidInputException("Please verify that request input is a json dict");
        }

        if (!body.TryGetProperty("instances", out var instances))
        {
            // Parsed and shape-checked already if the cache key was made for this request.
            var item = request.Items.Remove(KeyedItem, out var keyed) && keyed is ArticleQualityItem k
                ? k
                : ArticleQualityRequestParser.ParseItem(body, maxima, _options.MaxHtmlBytes);

            await FillFeaturesAsync(item, cancellationToken).ConfigureAwait(false);
            return new ArticleQualityInput([item], IsBatch: false);
        }

        var items = ParseBatch(instances, maxima);
        await Parallel.ForEachAsync(
            items.Where(i => i.Error is null),
            new ParallelOptions { MaxDegreeOfParallelism = _options.BatchConcurrency, CancellationToken = cancellationToken },
            async (item, ct) =>
            {
                try
                {
                    await FillFeaturesAsync(item, ct).ConfigureAwait(false);
                }
                catch (LiftWingException ex)
                {
                    item.Error = ex;
                }
            }).ConfigureAwait(false);
        return new ArticleQualityInput(items, IsBatch: true);
    }

    /// <inheritdoc />
    protected override ValueTask<ArticleQualityInput> PredictAsync(ArticleQualityInput input, InferenceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var scorer = _scorer ?? throw new InvalidOperationException("the model is not loaded.");
        foreach (var item in input.Items)
        {
            if (item.Error is null)
            {
                item.Prediction = scorer.Predict(item.Features, item.Maxima!);
            }
        }

        return ValueTask.FromResult(input);
    }

    /// <inheritdoc />
    protected override ValueTask<InferenceResponse> PostprocessAsync(ArticleQualityInput output, InferenceRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ArticleQualityResponseWriter.Write(output, Config.Name, Config.Version));

    private List<ArticleQualityItem> ParseBatch(JsonElement instances, FeatureMaximaTable maxima)
    {
        if (instances.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidInputException("Expected \"instances\" to be a list of request objects.");
        }

        var count = instances.GetArrayLength();
        if (count == 0)
        {
            throw new InvalidInputException("\"instances\" must not be empty.");
        }

        if (count > _options.MaxInstances)
        {
            throw new InvalidInputException($"Too many instances: {count} (the limit is {_options.MaxInstances}).");
        }

        var items = new List<ArticleQualityItem>(count);
        foreach (var instance in instances.EnumerateArray())
        {
            try
            {
                if (instance.ValueKind == JsonValueKind.Object && instance.TryGetProperty("instances", out _))
                {
                    throw new InvalidInputException("An instance cannot hold \"instances\" itself.");
                }

                items.Add(ArticleQualityRequestParser.ParseItem(instance, maxima, _options.MaxHtmlBytes));
            }
            catch (InvalidInputException ex)
            {
                items.Add(new ArticleQualityItem { Error = ex });
            }
        }

        return items;
    }

    private async Task FillFeaturesAsync(ArticleQualityItem item, CancellationToken cancellationToken)
    {
        var sent = item.Html;
        try
        {
            var html = sent?.Memory ?? (await Source.GetRevisionHtmlAsync(item.Lang, item.RevisionId!.Value, cancellationToken).ConfigureAwait(false)).AsMemory();
            if (!(item.ShapeChecked && sent is not null))
            {
                CheckHtmlShape(html.Span, item.RevisionId);
            }

            item.Features = ParsoidFeatureExtractor.Extract(html, cancellationToken);
        }
        finally
        {
            // The features are all later stages need: the page's rented buffer goes back (the tree is gone with it).
            item.Html = null;
            sent?.Dispose();
        }

        if (item.Features.Characters == 0)
        {
            throw new InvalidInputException(item.RevisionId is { } rev
                ? $"Article with language {item.Lang} and revid {rev} has no paragraph text to score."
                : $"The html has no paragraph text to score (lang {item.Lang}).");
        }
    }

    /// <summary>Refuses HTML with more elements or deeper nesting than the options allow, before it is parsed.</summary>
    private void CheckHtmlShape(ReadOnlySpan<char> html, long? revisionId)
    {
        var shape = HtmlShapeScanner.Measure(html, _options.MaxHtmlElements, _options.MaxHtmlDepth);
        if (!shape.Stopped)
        {
            return;
        }

        var what = revisionId is { } rev ? $"The HTML of revision {rev}" : "\"html\"";
        throw new InvalidInputException(shape.Elements > _options.MaxHtmlElements
            ? $"{what} has more than {_options.MaxHtmlElements} elements."
            : $"{what} nests elements deeper than {_options.MaxHtmlDepth} levels.");
    }
}

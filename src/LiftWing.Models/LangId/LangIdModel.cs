using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using LiftWing.Core.Errors;
using LiftWing.Core.Hashing;
using LiftWing.Core.Inference;
using LiftWing.Core.Models;
using LiftWing.Runtimes.FastText;

namespace LiftWing.Models.LangId;

/// <summary>
/// Lift Wing's <c>langid</c> server on a fastText classifier:
/// <c>{"text": "..."}</c> → <c>{"language", "wikicode", "languagename", "score"}</c>. Also the batch form
/// <c>{"instances": [{"text": ...}, ...]}</c> → <c>{"predictions": [...]}</c> and an optional <c>k</c> for the top k.
/// </summary>
public sealed partial class LangIdModel : ModelBase<LangIdInput, LangIdOutput>
{
    private const string TextRequired = "The parameter text is required.";
    private const string TextNotString = "The input 'text' should be a string.";

    private static readonly LangIdJsonContext s_json = new(new JsonSerializerOptions(LiftWing.Core.Json.LiftWingJson.Options));

    private readonly LangIdOptions _options;
    private FastTextModel? _model;
    private LangIdLanguageTable? _languages;
    private int _maxK;

    /// <summary>Creates the model.</summary>
    public LangIdModel(ModelConfig config)
        : base(config)
    {
        _options = config.GetOptions<LangIdOptions>();
    }

    /// <summary>The loaded fastText model (after loading).</summary>
    public FastTextModel FastText => _model ?? throw new InvalidOperationException("the model is not loaded.");

    /// <inheritdoc />
    protected override Task LoadCoreAsync(ModelLoadContext context, CancellationToken cancellationToken)
    {
        var model = FastTextModel.Load(context.GetArtifact("model"));
        var languages = LangIdLanguageTable.Load(Config.ResolvePath(_options.Languages));
        var missing = model.Labels.Where(l => !languages.Contains(l)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException($"model '{Name}': {_options.Languages} has no row for label(s) {string.Join(", ", missing)}.");
        }

        _model = model;
        _languages = languages;
        _maxK = Math.Min(_options.MaxK, model.Labels.Count);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override ValueTask<LangIdInput> PreprocessAsync(InferenceRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Parse(request.Body));

    /// <inheritdoc />
    protected override ValueTask<LangIdOutput> PredictAsync(LangIdInput input, InferenceRequest request, CancellationToken cancellationToken)
    {
        var model = FastText;
        var k = input.K ?? 1;
        var results = new FastTextPrediction[input.Texts.Count][];
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = model.Predict(input.Texts[i], k);
            if (results[i].Length == 0)
            {
                // Only a threshold can empty fastText's answer, and none is used; keep the failure loud, not a crash.
                throw new InferenceException($"fastText returned no label for instance {i}.");
            }
        }

        return ValueTask.FromResult(new LangIdOutput(input, results));
    }

    /// <inheritdoc />
    protected override ValueTask<InferenceResponse> PostprocessAsync(LangIdOutput output, InferenceRequest request, CancellationToken cancellationToken)
    {
        var withTopK = output.Input.K is not null;
        var predictions = output.Predictions.Select(p => ToPrediction(p, withTopK)).ToList();
        return ValueTask.FromResult(output.Input.IsBatch
            ? InferenceResponse.FromObject(new LangIdBatchResponse { Predictions = predictions }, s_json.LangIdBatchResponse)
            : InferenceResponse.FromObject(predictions[0], s_json.LangIdPrediction));
    }

    /// <summary>A hash of the preprocessed texts, the request form and k; null when the request is invalid.</summary>
    public override string? GetCacheKey(InferenceRequest request)
    {
        LangIdInput input;
        try
        {
            input = Parse(request.Body);
        }
        catch (LiftWingException)
        {
            return null;
        }

        // The bytes hashed are what they have always been (stored answers keep their keys): the form and k, then each
        // text length-prefixed, so no text can forge another split. Built in a stack or pooled buffer, not a string.
        var size = 16;
        foreach (var t in input.Texts)
        {
            size += 16 + Encoding.UTF8.GetMaxByteCount(t.Length);
        }

        byte[]? rented = null;
        var buffer = size <= 1024 ? stackalloc byte[1024] : (rented = ArrayPool<byte>.Shared.Rent(size));
        try
        {
            var n = 0;
            buffer[n++] = input.IsBatch ? (byte)'b' : (byte)'s';
            if (input.K is { } k)
            {
                k.TryFormat(buffer[n..], out var written, default, CultureInfo.InvariantCulture);
                n += written;
            }
            else
            {
                buffer[n++] = (byte)'-';
            }

            foreach (var t in input.Texts)
            {
                buffer[n++] = (byte)'\n';
                t.Length.TryFormat(buffer[n..], out var written, default, CultureInfo.InvariantCulture);
                n += written;
                buffer[n++] = (byte)':';
                n += Encoding.UTF8.GetBytes(t, buffer[n..]);
            }

            return KeyHash.Sha256Hex(buffer[..n]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private LangIdPrediction ToPrediction(FastTextPrediction[] predictions, bool withTopK)
    {
        var top = Describe(predictions[0]);
        return withTopK
            ? new LangIdPrediction { Language = top.Language, WikiCode = top.WikiCode, LanguageName = top.LanguageName, Score = top.Score, TopK = predictions.Select(Describe).ToList() }
            : top;
    }

    private LangIdPrediction Describe(FastTextPrediction p)
    {
        var row = _languages![p.Label];
        return new LangIdPrediction { Language = row.Language, WikiCode = row.WikiCode, LanguageName = row.Name, Score = p.Probability };
    }

    private LangIdInput Parse(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidInputException("Please verify that request input is a json dict");
        }

        int? k = null;
        if (body.TryGetProperty("k", out var kElement) && kElement.ValueKind != JsonValueKind.Null)
        {
            k = kElement.ValueKind == JsonValueKind.Number && kElement.TryGetInt32(out var kv) && kv >= 1 && kv <= _maxK
                ? kv
                : throw new InvalidInputException($"The parameter k should be an integer between 1 and {_maxK}.");
        }

        if (body.TryGetProperty("instances", out var instances))
        {
            if (instances.ValueKind != JsonValueKind.Array || instances.GetArrayLength() == 0)
            {
                throw new InvalidInputException("The parameter instances should be a non-empty list.");
            }

            if (instances.GetArrayLength() > _options.MaxInstances)
            {
                throw new InvalidInputException($"Too many instances: {instances.GetArrayLength()} (the limit is {_options.MaxInstances}).");
            }

            var texts = new List<string>(instances.GetArrayLength());
            foreach (var item in instances.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw new InvalidInputException("Each instance should be a json dict with a text.");
                }

                texts.Add(ReadText(item));
            }

            return new LangIdInput(texts, IsBatch: true, k);
        }

        return new LangIdInput([ReadText(body)], IsBatch: false, k);
    }

    // Lift Wing: `if not text` → required (missing, null, "", 0, false, [] and {} are all falsy in Python),
    // then `not isinstance(text, str)` → should be a string.
    private string ReadText(JsonElement obj)
    {
        if (!obj.TryGetProperty("text", out var text) || IsFalsy(text))
        {
            throw new InvalidInputException(TextRequired);
        }

        if (text.ValueKind != JsonValueKind.String)
        {
            throw new InvalidInputException(TextNotString);
        }

        return LangIdText.Preprocess(text.GetString()!, _options.MaxTextLength);
    }

    private static bool IsFalsy(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.False => true,
        JsonValueKind.String => e.GetString()!.Length == 0,
        JsonValueKind.Number => e.GetDouble() == 0,
        JsonValueKind.Array => e.GetArrayLength() == 0,
        JsonValueKind.Object => !e.EnumerateObject().Any(),
        _ => false,
    };
}

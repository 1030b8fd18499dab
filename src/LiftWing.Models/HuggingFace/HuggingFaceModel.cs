using System.Text;
using System.Text.Json;
using LiftWing.Core.Batching;
using LiftWing.Core.Errors;
using LiftWing.Core.Hashing;
using LiftWing.Core.Inference;
using LiftWing.Core.Models;
using LiftWing.Core.Telemetry;
using LiftWing.Core.Tensors;
using LiftWing.Runtimes.Onnx;
using Microsoft.Extensions.DependencyInjection;

namespace LiftWing.Models.HuggingFace;

/// <summary>
/// KServe's huggingfaceserver for encoder models, on ONNX Runtime: any Hugging Face folder with config.json, a
/// WordPiece tokenizer (tokenizer.json or vocab.txt) and model.onnx serves with no code. Text embedding, sequence
/// classification and token classification; V1 (<c>instances</c>), V2 (a BYTES input) and OpenAI embeddings.
/// With <c>batching.enabled</c>, texts from concurrent requests share ONNX calls through a <see cref="DynamicBatcher{TItem, TResult}"/>.
/// </summary>
public sealed class HuggingFaceModel : ModelBase<HuggingFaceInput, HuggingFaceOutput>, IOpenAIModel
{
    private const int DefaultMaxLength = 512;

    private readonly LiftWingMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly HuggingFaceOptions _options;
    private HuggingFaceTask _task;
    private IReadOnlyList<string> _labels = [];
    private int _maxLength;
    private WordPieceTextTokenizer? _tokenizer;
    private TransformerEncoder? _encoder;
    private DynamicBatcher<EncodedText, float[]>? _batcher;
    private ModelMetadata _metadata = new();
    private int _inFlight; // batched requests between entering predict and getting their vectors

    /// <summary>Creates the (unloaded) model.</summary>
    public HuggingFaceModel(ModelConfig config, LiftWingMetrics metrics, TimeProvider time)
        : base(config)
    {
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = config.GetOptions<HuggingFaceOptions>();
    }

    /// <summary>The task being served.</summary>
    public HuggingFaceTask Task => _task;

    /// <summary>Tokens per text after truncation.</summary>
    public int MaxLength => _maxLength;

    /// <summary>The embedding size or label count.</summary>
    public int OutputWidth { get; private set; }

    /// <summary>Whether requests go through the dynamic batcher.</summary>
    public bool Batching => _batcher is not null;

    /// <inheritdoc />
    public override ModelMetadata Metadata => _metadata;

    /// <inheritdoc />
    public bool SupportsEmbeddings => _task == HuggingFaceTask.TextEmbedding;

    /// <inheritdoc />
    protected override Task LoadCoreAsync(ModelLoadContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var dir = Config.ResolvePath(_options.ModelDir);
        var hfConfigPath = Find(context, ["config"], dir, "config.json");
        var hfConfig = hfConfigPath is null ? new HuggingFaceConfig() : HuggingFaceConfig.Load(hfConfigPath);
        _task = _options.Task is { Length: > 0 } t ? HuggingFaceTasks.Parse(t) : HuggingFaceTasks.Infer(hfConfig.Architectures);
        _labels = hfConfig.Labels;
        var tokenizerConfig = TokenizerConfig.Load(Find(context, ["tokenizer_config"], dir, "tokenizer_config.json"));
        var lower = _options.DoLowerCase ?? tokenizerConfig.DoLowerCase;
        var tokenizerFile = Find(context, ["tokenizer"], dir, "tokenizer.json");
        var tokenizerJson = tokenizerFile is not null && tokenizerFile.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? tokenizerFile : null;
        var vocab = Find(context, ["vocab"], dir, "vocab.txt") ?? (tokenizerJson is null ? tokenizerFile : null);
        _tokenizer = tokenizerJson is not null
            ? WordPieceTextTokenizer.FromTokenizerJson(tokenizerJson, lower)
            : vocab is not null
                ? WordPieceTextTokenizer.FromVocab(vocab, lower ?? true)
                : throw new FileNotFoundException($"model '{Config.Name}': no tokenizer.json or vocab.txt (declare a 'tokenizer' or 'vocab' artifact or put one in {dir}).");

        var positions = hfConfig.MaxPositionEmbeddings ?? DefaultMaxLength;
        _maxLength = Math.Min(_options.MaxLength ?? tokenizerConfig.ModelMaxLength ?? positions, positions);
        if (_maxLength < 3)
        {
            throw new InvalidDataException($"model '{Config.Name}': max_length must be at least 3 tokens.");
        }

        var onnxPath = Find(context, ["model", "onnx"], dir, "model.onnx")
            ?? throw new FileNotFoundException($"model '{Config.Name}': no model.onnx (declare a 'model' artifact or put one in {dir}).");
        var session = OnnxSession.Create(onnxPath, new OnnxSessionOptions { IntraOpThreads = _options.IntraOpThreads, AllowSpinning = _options.IntraOpSpinning });
        try
        {
            _encoder = new TransformerEncoder(session, _task, _options, _tokenizer.PadId);
        }
        catch
        {
            session.Dispose();
            throw;
        }

        OutputWidth = _task switch
        {
            HuggingFaceTask.TextEmbedding => _encoder.Width ?? hfConfig.HiddenSize ?? 0,
            _ => _labels.Count > 0 ? _labels.Count : _encoder.Width ?? 0,
        };
        if (_task != HuggingFaceTask.TextEmbedding && _labels.Count == 0 && OutputWidth > 0)
        {
            _labels = Enumerable.Range(0, OutputWidth).Select(i => $"LABEL_{i}").ToList();
        }

        _metadata = BuildMetadata();
        if (Config.Batching.Enabled)
        {
            _batcher = new DynamicBatcher<EncodedText, float[]>(
                (items, ct) => ValueTask.FromResult(_encoder.Run(items, ct)),
                DynamicBatcherOptions.From(Config.Batching, Config.Name),
                _metrics,
                _time);
        }

        return System.Threading.Tasks.Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override ValueTask<HuggingFaceInput> PreprocessAsync(InferenceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        OpenAIEmbeddingRequest? openAI = null;
        IReadOnlyList<string> texts;
        switch (request.Protocol)
        {
            case InferenceProtocol.OpenAI:
                if (!SupportsEmbeddings)
                {
                    throw new InvalidInputException($"The model {Config.Name} does not support embeddings (task {HuggingFaceTasks.ToName(_task)}).");
                }

                openAI = OpenAIEmbeddingRequest.Parse(request.Body, OutputWidth, _options.MaxInstances);
                texts = openAI.Inputs;
                break;
            case InferenceProtocol.V2:
                texts = ReadTensorTexts(request.Tensors);
                break;
            default:
                texts = ReadInstances(request.Body);
                break;
        }

        var encoded = new EncodedText[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            if (texts[i].Length > _options.MaxInputChars)
            {
                throw new InvalidInputException($"Instance {i} has {texts[i].Length} characters; the limit is {_options.MaxInputChars}.");
            }

            encoded[i] = _tokenizer!.Encode(texts[i], _maxLength, _options.Truncate);
        }

        return ValueTask.FromResult(new HuggingFaceInput(encoded, openAI));
    }

    /// <inheritdoc />
    protected override async ValueTask<HuggingFaceOutput> PredictAsync(HuggingFaceInput input, InferenceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (_batcher is null)
        {
            return new HuggingFaceOutput(input, RunDirect(input.Encoded, _options.MaxRunBatch, cancellationToken));
        }

        // A request that finds no other in flight runs at once instead of waiting max_latency_ms for company that
        // is not coming (2 ms of a 5 ms answer); requests that arrive meanwhile queue and batch as before. Chunked
        // like the batcher cuts one request, so the ONNX calls, and the answer, are the same either way.
        if (Interlocked.Increment(ref _inFlight) == 1)
        {
            try
            {
                return new HuggingFaceOutput(input, RunDirect(input.Encoded, Config.Batching.MaxBatchSize, cancellationToken));
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }

        try
        {
            var vectors = await _batcher.EnqueueManyAsync(input.Encoded, cancellationToken).ConfigureAwait(false);
            return new HuggingFaceOutput(input, vectors);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private List<float[]> RunDirect(IReadOnlyList<EncodedText> encoded, int chunkSize, CancellationToken cancellationToken)
    {
        var encoder = _encoder!;
        if (encoded.Count <= chunkSize)
        {
            return [.. encoder.Run(encoded, cancellationToken)];
        }

        var results = new List<float[]>(encoded.Count);
        foreach (var chunk in encoded.Chunk(chunkSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            results.AddRange(encoder.Run(chunk, cancellationToken));
        }

        return results;
    }

    /// <inheritdoc />
    protected override ValueTask<InferenceResponse> PostprocessAsync(HuggingFaceOutput output, InferenceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(request);
        var input = output.Input;
        if (input.OpenAI is { } openAI)
        {
            var tokens = input.Encoded.Sum(e => e.Length);
            return ValueTask.FromResult(InferenceResponse.FromUtf8(OpenAIEmbeddingResponse.Write(openAI.Model, output.Vectors, tokens, openAI.Base64)));
        }

        if (request.Protocol == InferenceProtocol.V2)
        {
            return ValueTask.FromResult(new InferenceResponse
            {
                Tensors = new InferTensorResponse
                {
                    ModelName = Config.Name,
                    ModelVersion = Config.Version,
                    Id = request.Tensors?.Id,
                    Outputs = BuildTensors(output),
                },
            });
        }

        object predictions = _task switch
        {
            HuggingFaceTask.TextEmbedding => output.Vectors,
            HuggingFaceTask.SequenceClassification => output.Vectors.Select(Classify).ToList(),
            _ => input.Encoded.Select((e, i) => DecodeTokens(e, output.Vectors[i])).ToList(),
        };
        return ValueTask.FromResult(InferenceResponse.FromObject(new Dictionary<string, object> { ["predictions"] = predictions }));
    }

    /// <summary>V1 answers are a pure function of the instances and the model version, so they are cacheable.</summary>
    public override string? GetCacheKey(InferenceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Protocol != InferenceProtocol.V1 || request.Body.ValueKind != JsonValueKind.Object ||
            !request.Body.TryGetProperty("instances", out var instances))
        {
            return null;
        }

        return "instances:" + KeyHash.Sha256Hex(Encoding.UTF8.GetBytes(instances.GetRawText()));
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        if (_batcher is not null)
        {
            await _batcher.DisposeAsync().ConfigureAwait(false);
        }

        _encoder?.Dispose();
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private ClassificationResult Classify(float[] logits)
    {
        var probs = VectorMath.Softmax(logits);
        var best = System.Numerics.Tensors.TensorPrimitives.IndexOfMax((ReadOnlySpan<float>)probs);
        IReadOnlyDictionary<string, float>? all = _options.ReturnProbabilities
            ? _labels.Select((l, i) => KeyValuePair.Create(l, i < probs.Length ? probs[i] : 0f)).ToDictionary()
            : null;
        return new ClassificationResult(LabelOf(best), probs[best], all);
    }

    private IReadOnlyList<TokenEntity> DecodeTokens(EncodedText text, float[] logits) =>
        TokenClassificationDecoder.Decode(text, logits, _labels, !string.Equals(_options.Aggregation, "none", StringComparison.OrdinalIgnoreCase));

    private string LabelOf(int index) => index < _labels.Count ? _labels[index] : $"LABEL_{index}";

    private List<TensorData> BuildTensors(HuggingFaceOutput output)
    {
        var n = output.Vectors.Count;
        switch (_task)
        {
            case HuggingFaceTask.TextEmbedding:
                {
                    var width = n > 0 ? output.Vectors[0].Length : OutputWidth;
                    var flat = new float[n * width];
                    for (var i = 0; i < n; i++)
                    {
                        output.Vectors[i].CopyTo(flat, i * width);
                    }

                    return [new TensorData("embedding", "FP32", [n, width], flat)];
                }

            case HuggingFaceTask.SequenceClassification:
                {
                    var results = output.Vectors.Select(Classify).ToList();
                    var width = _labels.Count;
                    var probs = new float[n * width];
                    for (var i = 0; i < n; i++)
                    {
                        VectorMath.Softmax(output.Vectors[i]).AsSpan(0, Math.Min(width, output.Vectors[i].Length)).CopyTo(probs.AsSpan(i * width));
                    }

                    return
                    [
                        new TensorData("label", "BYTES", [n], results.Select(r => r.Label).ToArray()),
                        new TensorData("score", "FP32", [n], results.Select(r => r.Score).ToArray()),
                        new TensorData("probabilities", "FP32", [n, width], probs),
                    ];
                }

            default:
                {
                    var json = output.Input.Encoded.Select((e, i) => JsonSerializer.Serialize(DecodeTokens(e, output.Vectors[i]))).ToArray();
                    return [new TensorData("entities", "BYTES", [n], json)];
                }
        }
    }

    private ModelMetadata BuildMetadata()
    {
        TensorSpec[] outputs = _task switch
        {
            HuggingFaceTask.TextEmbedding => [new TensorSpec("embedding", "FP32", [-1, OutputWidth > 0 ? OutputWidth : -1])],
            HuggingFaceTask.SequenceClassification =>
            [
                new TensorSpec("label", "BYTES", [-1]),
                new TensorSpec("score", "FP32", [-1]),
                new TensorSpec("probabilities", "FP32", [-1, _labels.Count]),
            ],
            _ => [new TensorSpec("entities", "BYTES", [-1])],
        };
        return new ModelMetadata { Platform = "onnxruntime", Inputs = [new TensorSpec("text", "BYTES", [-1])], Outputs = outputs };
    }

    private List<string> ReadInstances(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidInputException("Expected a JSON object with \"instances\": a list of strings.");
        }

        if (!body.TryGetProperty("instances", out var instances) && !body.TryGetProperty("inputs", out instances))
        {
            throw new InvalidInputException("Expected \"instances\" or \"inputs\" in the request body.");
        }

        if (instances.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidInputException("Expected \"instances\" or \"inputs\" to be a list");
        }

        var list = new List<string>(instances.GetArrayLength());
        foreach (var item in instances.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw new InvalidInputException($"Instance {list.Count} must be a string.");
            }

            list.Add(item.GetString()!);
        }

        return CheckCount(list);
    }

    private List<string> ReadTensorTexts(InferTensorRequest? tensors)
    {
        var input = tensors?.Inputs.FirstOrDefault(t => t.Datatype == "BYTES")
            ?? throw new InvalidInputException("Expected a BYTES input tensor holding the texts.");
        if (input.Data is not string[] texts)
        {
            throw new InvalidInputException($"Input '{input.Name}' must hold strings.");
        }

        return CheckCount([.. texts]);
    }

    private List<string> CheckCount(List<string> texts)
    {
        if (texts.Count == 0)
        {
            throw new InvalidInputException("Expected at least one instance.");
        }

        if (texts.Count > _options.MaxInstances)
        {
            throw new InvalidInputException($"The request has {texts.Count} instances; the limit is {_options.MaxInstances}.");
        }

        return texts;
    }

    /// <summary>An artifact by one of its names, else a file in the model folder, else null.</summary>
    private static string? Find(ModelLoadContext context, string[] artifactNames, string dir, string fileName)
    {
        foreach (var name in artifactNames)
        {
            if (context.ArtifactPaths.TryGetValue(name, out var path))
            {
                return path;
            }
        }

        var local = Path.Combine(dir, fileName);
        return File.Exists(local) ? local : null;
    }
}

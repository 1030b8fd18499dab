using System.Buffers;
using System.Security.Cryptography;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using LiftWing.Core.Errors;
using LiftWing.Core.Inference;
using LiftWing.Core.Models;
using LiftWing.Runtimes.Images;
using LiftWing.Runtimes.Linear;
using Microsoft.Extensions.DependencyInjection;

namespace LiftWing.Models.LogoDetection;

/// <summary>
/// Lift Wing's <c>logo-detection</c>: <c>{"instances": [{"filename", "image" (base64), "target"}], "debug"}</c> →
/// <c>{"predictions": [{"filename", "target": "logo", "prediction", "out_of_domain"}]}</c>, 4 decimals, sorted by
/// file name with one prediction per file name, as Lift Wing answers. Backbone: ResNet18 ImageNet features (ONNX);
/// head: our logistic regression (<see cref="LogisticHead"/>). Every image's size and header are checked before any
/// pixels are decoded, and the images run through the network in chunks of <c>batch_size</c>. A bad image is a 400
/// naming the file.
/// </summary>
public sealed class LogoDetectionModel : ModelBase<LogoBatch, LogoResult>
{
    // Images per ONNX call. ONNX Runtime checks a cancelled run's terminate flag only between operators, and one
    // ResNet18 convolution over 50 images takes about a second of CPU; over 8 it stays near 100 ms, and a CNN on a CPU
    // gains little from larger batches.
    private const int RunBatch = 8;

    // Tensors up to this many floats (6 images) come from the shared pool: a 600 kB array per image would otherwise be a
    // fresh large-object allocation per request. Larger requests allocate, so the pool never keeps a 50-image tensor.
    private const int PooledTensorFloats = 1 << 20;

    private readonly LogoDetectionOptions _options;
    private readonly ImageLimitsOptions _limits;
    private readonly TimeProvider _time;
    private ResNet18Featurizer? _featurizer;
    private LogisticHead? _head;
    private readonly Func<HttpClient> _imageClient;
    private ImageUrlFetcher? _fetcher;

    /// <summary>Creates the model.</summary>
    public LogoDetectionModel(ModelConfig config, TimeProvider time, Func<HttpClient> imageClient)
        : base(config)
    {
        _imageClient = imageClient ?? throw new ArgumentNullException(nameof(imageClient));
        _options = config.GetOptions<LogoDetectionOptions>();
        _limits = _options;
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <inheritdoc />
    protected override Task LoadCoreAsync(ModelLoadContext context, CancellationToken cancellationToken)
    {
        _head = LogisticHead.Load(context.GetArtifact("head"));
        if (_head.FeatureCount != ResNet18Featurizer.FeatureCount)
        {
            throw new InvalidDataException($"the head has {_head.FeatureCount} weights; ResNet18 gives {ResNet18Featurizer.FeatureCount} features.");
        }

        _featurizer = new ResNet18Featurizer(
            context.GetArtifact("backbone"),
            context.GetArtifact("preprocess"),
            new ResNet18FeaturizerOptions { IntraOpThreads = _options.IntraOpThreads, AllowSpinning = _options.IntraOpSpinning, MaxBatch = Math.Clamp(Math.Min(_options.BatchSize, _options.MaxImages), 1, RunBatch) });
        _fetcher = new ImageUrlFetcher(_options.Url, _options.MaxImageBytes, _imageClient());
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override async ValueTask<LogoBatch> PreprocessAsync(InferenceRequest request, CancellationToken cancellationToken)
    {
        var start = _time.GetTimestamp();
        var parsed = LogoRequestParser.Parse(request.Body, _options.MaxImages, _fetcher?.Enabled == true);
        // Lift Wing's order: one prediction per file name (the last image sent under it), sorted by file name.
        var instances = FilenameOrder.Apply(parsed.Instances);

        // 1. Every base64 image's decoded size, from the JSON text (no allocation), before any work.
        foreach (var instance in instances)
        {
            if (instance.Image is { } image)
            {
                Base64Image.CheckSize(instance.Filename, image, _options.MaxImageBytes);
            }
        }

        // 2. URL images are downloaded (capped per image); base64 images stay in the request body until their turn.
        var downloaded = new byte[instances.Count][];
        var downloads = new List<Task>();
        using var gate = new SemaphoreSlim(Math.Max(1, _options.Url.MaxConcurrentDownloads));
        for (var i = 0; i < instances.Count; i++)
        {
            if (instances[i].Url is { } url)
            {
                downloads.Add(DownloadAsync(url, i));
            }
        }

        async Task DownloadAsync(string url, int index)
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                downloaded[index] = await _fetcher!.FetchAsync(url, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        }

        await Task.WhenAll(downloads).ConfigureAwait(false);

        // 3. Every image's header against the limits before any pixel buffer exists (a bomb among good images costs
        //    nothing); one image's bytes at a time, decoded again below rather than all held. A lone image keeps its
        //    bytes for step 4: holding one image is what step 4 does anyway, and the base64 is not decoded twice.
        for (var i = 0; i < instances.Count; i++)
        {
            var instance = instances[i];
            try
            {
                var bytes = downloaded[i] ?? Base64Image.Decode(instance.Filename, instance.Image!.Value, _options.MaxImageBytes);
                ImageTensorizer.Probe(bytes, _limits);
                if (instances.Count == 1)
                {
                    downloaded[i] = bytes;
                }
            }
            catch (ImageDecodeException ex)
            {
                throw new InvalidInputException($"Error decoding image {instance.Filename}: {ex.Message}");
            }
        }

        // 4. One image at a time per worker: base64 → bytes → header checked against the limits → pixels into the batch
        //    tensor; the bytes are dropped as soon as the image is in the tensor, so a 50-image request never holds all
        //    of its decoded files (see docs/performance.md, "logo-detection: the largest batch").
        var floats = instances.Count * ResNet18Featurizer.ImageFloats;
        var tensor = floats <= PooledTensorFloats ? ArrayPool<float>.Shared.Rent(floats) : new float[floats];
        var errors = new LiftWingException?[instances.Count];
        Parallel.For(0, instances.Count, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var instance = instances[i];
            try
            {
                var bytes = downloaded[i] ?? Base64Image.Decode(instance.Filename, instance.Image!.Value, _options.MaxImageBytes);
                downloaded[i] = null!;
                ImageTensorizer.DecodeInto(bytes, _limits, tensor.AsSpan(i * ResNet18Featurizer.ImageFloats, ResNet18Featurizer.ImageFloats));
            }
            catch (ImageDecodeException ex)
            {
                errors[i] = new InvalidInputException($"Error decoding image {instance.Filename}: {ex.Message}");
            }
            catch (InvalidInputException ex)
            {
                errors[i] = ex;
            }
        });

        // The first bad image in answer order, whatever order the threads finished in.
        if (errors.FirstOrDefault(e => e is not null) is { } error)
        {
            ReturnTensor(tensor, floats);
            throw error;
        }

        return new LogoBatch(instances.Select(x => x.Filename).ToList(), tensor, parsed.Debug, _time.GetElapsedTime(start));
    }

    /// <inheritdoc />
    protected override ValueTask<LogoResult> PredictAsync(LogoBatch input, InferenceRequest request, CancellationToken cancellationToken)
    {
        var featurizer = _featurizer ?? throw new InferenceException("logo-detection is not loaded.");
        var head = _head!;
        var start = _time.GetTimestamp();
        float[] features;
        try
        {
            features = featurizer.Featurize(input.Tensor, input.Filenames.Count, cancellationToken);
        }
        finally
        {
            ReturnTensor(input.Tensor, input.Filenames.Count * ResNet18Featurizer.ImageFloats);
        }

        var predictions = new LogoPrediction[input.Filenames.Count];
        for (var i = 0; i < predictions.Length; i++)
        {
            var f = features.AsSpan(i * ResNet18Featurizer.FeatureCount, ResNet18Featurizer.FeatureCount);
            predictions[i] = new LogoPrediction(input.Filenames[i], Math.Round(head.Predict(f), 4), Math.Round(head.OutOfDomain(f), 4));
        }

        return ValueTask.FromResult(new LogoResult(predictions, input.Debug, input.PreprocessTime, _time.GetElapsedTime(start)));
    }

    private static void ReturnTensor(float[] tensor, int floats)
    {
        if (floats <= PooledTensorFloats)
        {
            ArrayPool<float>.Shared.Return(tensor);
        }
    }

    /// <inheritdoc />
    protected override ValueTask<InferenceResponse> PostprocessAsync(LogoResult output, InferenceRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, LiftWing.Core.Json.LiftWingJson.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteStartArray("predictions");
            foreach (var p in output.Predictions)
            {
                w.WriteStartObject();
                w.WriteString("filename", p.Filename);
                w.WriteString("target", "logo");
                w.WriteNumber("prediction", p.Prediction);
                w.WriteNumber("out_of_domain", p.OutOfDomain);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (output.Debug)
            {
                w.WriteStartObject("latency");
                w.WriteNumber("preprocess (s)", output.PreprocessTime.TotalSeconds);
                w.WriteNumber("predict (s)", output.PredictTime.TotalSeconds);
                w.WriteNumber("total (s)", (output.PreprocessTime + output.PredictTime).TotalSeconds);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        return ValueTask.FromResult(InferenceResponse.FromUtf8(buffer.ToArray()));
    }

    /// <summary>
    /// A hash of the file names and image bytes as sent, for base64-only, non-debug requests; URL requests (the
    /// content behind a URL can change) and debug requests (latency differs) are not cached.
    /// </summary>
    public override string? GetCacheKey(InferenceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = request.Body;
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("instances", out var instances) || instances.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        if (body.TryGetProperty("debug", out var debug) && debug.ValueKind != JsonValueKind.False)
        {
            return null;
        }

        try
        {
            // Validated before keying: a request that preprocess would refuse (no target, ...) must not be answered from the cache.
            LogoRequestParser.Parse(body, _options.MaxImages, _fetcher?.Enabled == true);
        }
        catch (LiftWingException)
        {
            return null;
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var item in instances.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || item.TryGetProperty("url", out _)
                || !item.TryGetProperty("filename", out var filename) || !item.TryGetProperty("image", out var image))
            {
                return null;
            }

            hash.AppendData(JsonMarshal.GetRawUtf8Value(filename));
            hash.AppendData("\n"u8);
            hash.AppendData(JsonMarshal.GetRawUtf8Value(image));
            hash.AppendData("\n"u8);
        }

        return "images:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <inheritdoc />
    public override ValueTask DisposeAsync()
    {
        _featurizer?.Dispose();
        _fetcher?.Dispose();
        return base.DisposeAsync();
    }
}

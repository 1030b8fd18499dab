using Microsoft.ML.OnnxRuntime;

namespace LiftWing.Runtimes.Images;

/// <summary>
/// The ResNet18 ImageNet featurizer from NuGet <c>Microsoft.ML.DnnImageFeaturizer.ResNet18</c>: planar BGR 0–255
/// images of 224×224 in, 512 global-pooled features out (the package has no classifier head).
/// <para>
/// The package's preprocessing network only subtracts a per-pixel ImageNet mean image. It is run once at load on a
/// zero image to read that mean (output = −mean), and checked on a second input; the subtraction is then done
/// in C# so that a whole request can run as one batch. The backbone's batch dimension is pinned to 1 in the
/// CNTK export; <see cref="OnnxBatchDimension"/> makes it symbolic before the session is created.
/// </para>
/// </summary>
public sealed class ResNet18Featurizer : IDisposable
{
    /// <summary>The feature vector length.</summary>
    public const int FeatureCount = 512;

    /// <summary>The input side.</summary>
    public const int Size = ImageTensorizer.DefaultSize;

    /// <summary>Floats per image in the input tensor.</summary>
    public const int ImageFloats = 3 * Size * Size;

    private readonly InferenceSession _session;
    private readonly string _inputName;
    private readonly string _outputName;
    private readonly float[] _mean;
    private readonly ResNet18FeaturizerOptions _options;
    private readonly bool _shrinkArena;

    /// <summary>Loads both networks. Throws <see cref="InvalidDataException"/> if they are not the expected ones.</summary>
    public ResNet18Featurizer(string backbonePath, string preprocessPath, ResNet18FeaturizerOptions? options = null)
    {
        _options = options ?? new ResNet18FeaturizerOptions();
        using var sessionOptions = new SessionOptions { IntraOpNumThreads = Onnx.OnnxSessionOptions.ResolveIntraOpThreads(_options.IntraOpThreads), InterOpNumThreads = 1 };
        sessionOptions.GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL;
        var memory = new Onnx.OnnxSessionOptions { AllowSpinning = _options.AllowSpinning };
        memory.ApplyMemorySettings(sessionOptions);
        memory.ApplySpinning(sessionOptions);
        _shrinkArena = memory.CpuMemArena && memory.ShrinkArenaFromElements > 0;
        _mean = ReadMeanImage(preprocessPath, sessionOptions);
        _session = new InferenceSession(OnnxBatchDimension.MakeBatchDynamic(File.ReadAllBytes(backbonePath)), sessionOptions);
        _inputName = _session.InputNames.Single();
        _outputName = _session.OutputNames.Single();
        var outDims = _session.OutputMetadata[_outputName].Dimensions;
        if (outDims.Length != 4 || outDims[1] != FeatureCount)
        {
            throw new InvalidDataException($"{backbonePath}: expected a [N,{FeatureCount},1,1] output, got [{string.Join(",", outDims)}].");
        }
    }

    /// <summary>
    /// Features for <paramref name="count"/> images laid out one after another in <paramref name="bgr"/>
    /// (each <see cref="ImageFloats"/> floats, BGR 0–255). The mean is subtracted in place. Returns count × 512 floats.
    /// </summary>
    public float[] Featurize(float[] bgr, int count) => Featurize(bgr, count, CancellationToken.None);

    /// <summary>
    /// <see cref="Featurize(float[], int)"/>, stopped when <paramref name="cancellationToken"/> fires: between batches,
    /// and inside an ONNX call (ONNX Runtime is told to terminate; it stops at its next operator). Throws
    /// <see cref="OperationCanceledException"/>.
    /// </summary>
    public float[] Featurize(float[] bgr, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bgr);
        if (count < 0 || bgr.Length < count * ImageFloats)
        {
            throw new ArgumentException("the buffer holds fewer images than count.", nameof(bgr));
        }

        var features = new float[count * FeatureCount];
        for (var start = 0; start < count; start += _options.MaxBatch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var n = Math.Min(_options.MaxBatch, count - start);
            var input = bgr.AsMemory(start * ImageFloats, n * ImageFloats);
            for (var i = 0; i < n; i++)
            {
                SubtractMean(input.Span.Slice(i * ImageFloats, ImageFloats));
            }

            using var inputValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input, [n, 3, Size, Size]);
            var output = features.AsMemory(start * FeatureCount, n * FeatureCount);
            using var outputValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, output, [n, FeatureCount, 1, 1]);
            using var runOptions = new RunOptions();
            if (n > 1 && _shrinkArena)
            {
                Onnx.OnnxSessionOptions.ShrinkArenaAfterRun(runOptions); // a batch holds several MiB of activations per image
            }

            using var registration = cancellationToken.Register(static o => ((RunOptions)o!).Terminate = true, runOptions);
            try
            {
                _session.Run(runOptions, [_inputName], [inputValue], [_outputName], [outputValue]);
            }
            catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }
        }

        return features;
    }

    // Element-wise, so the vectorised subtraction gives the same floats as the scalar loop it replaced.
    private void SubtractMean(Span<float> image) => System.Numerics.Tensors.TensorPrimitives.Subtract(image, _mean, image);

    private static float[] ReadMeanImage(string preprocessPath, SessionOptions sessionOptions)
    {
        using var prep = new InferenceSession(preprocessPath, sessionOptions);
        var inName = prep.InputNames.Single();
        var outName = prep.OutputNames.Single();
        float[] Run(float fill)
        {
            var x = new float[ImageFloats];
            Array.Fill(x, fill);
            var y = new float[ImageFloats];
            using var xv = OrtValue.CreateTensorValueFromMemory(x, [1, 3, Size, Size]);
            using var yv = OrtValue.CreateTensorValueFromMemory(y, [1, 3, Size, Size]);
            using var ro = new RunOptions();
            prep.Run(ro, [inName], [xv], [outName], [yv]);
            return y;
        }

        var zero = Run(0f);
        var mean = new float[ImageFloats];
        for (var i = 0; i < mean.Length; i++)
        {
            mean[i] = -zero[i];
        }

        // The C# subtraction is only valid if the network is exactly x − mean: check it on another input.
        var probe = Run(100f);
        for (var i = 0; i < probe.Length; i++)
        {
            if (Math.Abs(probe[i] - (100f - mean[i])) > 1e-3f)
            {
                throw new InvalidDataException($"{preprocessPath}: the preprocessing network is not a mean subtraction; refusing to use it.");
            }
        }

        return mean;
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();
}

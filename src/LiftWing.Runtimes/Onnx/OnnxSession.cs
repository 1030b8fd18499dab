using V2ModelMetadata = LiftWing.Core.Models.ModelMetadata;
using Microsoft.ML.OnnxRuntime;


namespace LiftWing.Runtimes.Onnx;

/// <summary>
/// An ONNX Runtime inference session on the CPU, with its graph signature described once. Generic: it knows
/// nothing about what the graph computes. <see cref="InferenceSession.Run(RunOptions, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue}, IReadOnlyCollection{string})"/>
/// is thread-safe, so one instance serves concurrent requests.
/// </summary>
public sealed class OnnxSession : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly long _shrinkArenaFromElements;

    private OnnxSession(InferenceSession session, string path, long shrinkArenaFromElements)
    {
        _session = session;
        _shrinkArenaFromElements = shrinkArenaFromElements;
        Path = path;
        Inputs = Describe(session.InputMetadata);
        Outputs = Describe(session.OutputMetadata);
    }

    /// <summary>The model file.</summary>
    public string Path { get; }

    /// <summary>The graph inputs, in graph order.</summary>
    public IReadOnlyList<OnnxTensorInfo> Inputs { get; }

    /// <summary>The graph outputs, in graph order.</summary>
    public IReadOnlyList<OnnxTensorInfo> Outputs { get; }

    /// <summary>The underlying session, for callers that need more than <see cref="Run"/>.</summary>
    public InferenceSession Session => _session;

    /// <summary>Loads a model file. Throws <see cref="InvalidDataException"/> naming the file when ONNX Runtime refuses it.</summary>
    public static OnnxSession Create(string path, OnnxSessionOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"ONNX model {path} does not exist.", path);
        }

        options ??= new OnnxSessionOptions();
        using var so = new SessionOptions
        {
            GraphOptimizationLevel = options.OptimizeGraph ? GraphOptimizationLevel.ORT_ENABLE_ALL : GraphOptimizationLevel.ORT_DISABLE_ALL,
            ExecutionMode = options.ParallelExecution ? ExecutionMode.ORT_PARALLEL : ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = OnnxSessionOptions.ResolveIntraOpThreads(options.IntraOpThreads),
            InterOpNumThreads = options.InterOpThreads,
        };
        options.ApplySpinning(so);
        options.ApplyMemorySettings(so);
        try
        {
            return new OnnxSession(new InferenceSession(path, so), path, options.CpuMemArena ? options.ShrinkArenaFromElements : 0);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new InvalidDataException($"ONNX Runtime could not load {System.IO.Path.GetFileName(path)}: {ex.Message}", ex);
        }
    }

    /// <summary>Finds an input by name, or null.</summary>
    public OnnxTensorInfo? FindInput(string name) => Inputs.FirstOrDefault(i => i.Name == name);

    /// <summary>Finds an output by name, or null.</summary>
    public OnnxTensorInfo? FindOutput(string name) => Outputs.FirstOrDefault(o => o.Name == name);

    /// <summary>The V2 metadata of the graph.</summary>
    public V2ModelMetadata ToMetadata() => new()
    {
        Platform = "onnxruntime",
        Inputs = Inputs.Select(i => i.ToTensorSpec()).ToList(),
        Outputs = Outputs.Select(o => o.ToTensorSpec()).ToList(),
    };

    /// <summary>
    /// Runs the graph. The caller owns the input values and must dispose the returned outputs (in the order of
    /// <paramref name="outputNames"/>).
    /// </summary>
    public IDisposableReadOnlyCollection<OrtValue> Run(IReadOnlyList<string> inputNames, IReadOnlyList<OrtValue> inputs, IReadOnlyList<string> outputNames) =>
        Run(inputNames, inputs, outputNames, CancellationToken.None);

    /// <summary>
    /// Runs the graph; when <paramref name="cancellationToken"/> fires, ONNX Runtime is told to terminate the run
    /// (it stops between operators) and <see cref="OperationCanceledException"/> is thrown.
    /// </summary>
    public IDisposableReadOnlyCollection<OrtValue> Run(IReadOnlyList<string> inputNames, IReadOnlyList<OrtValue> inputs, IReadOnlyList<string> outputNames, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputNames);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputNames);
        cancellationToken.ThrowIfCancellationRequested();
        var shrink = _shrinkArenaFromElements > 0 && ElementCount(inputs) >= _shrinkArenaFromElements;
        if (!cancellationToken.CanBeCanceled && !shrink)
        {
            return _session.Run(_runOptions, inputNames.ToArray(), inputs.ToArray(), outputNames.ToArray());
        }

        // Terminate and the arena shrink are per RunOptions, so such a run gets its own.
        using var runOptions = new RunOptions();
        if (shrink)
        {
            OnnxSessionOptions.ShrinkArenaAfterRun(runOptions);
        }

        using var registration = cancellationToken.Register(static o => ((RunOptions)o!).Terminate = true, runOptions);
        try
        {
            return _session.Run(runOptions, inputNames.ToArray(), inputs.ToArray(), outputNames.ToArray());
        }
        catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
    }

    /// <summary>Runs the graph with named inputs.</summary>
    public IDisposableReadOnlyCollection<OrtValue> Run(IReadOnlyDictionary<string, OrtValue> inputs, IReadOnlyList<string> outputNames)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return Run(inputs.Keys.ToArray(), inputs.Values.ToArray(), outputNames);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _runOptions.Dispose();
        _session.Dispose();
    }

    private static long ElementCount(IReadOnlyList<OrtValue> inputs)
    {
        long total = 0;
        foreach (var input in inputs)
        {
            if (input.IsTensor)
            {
                total += input.GetTensorTypeAndShape().ElementCount;
            }
        }

        return total;
    }

    private static List<OnnxTensorInfo> Describe(IReadOnlyDictionary<string, NodeMetadata> metadata) =>
        metadata.Where(kv => kv.Value.IsTensor)
            .Select(kv => new OnnxTensorInfo(kv.Key, kv.Value.ElementDataType, kv.Value.Dimensions.Select(d => d < 0 ? -1L : d).ToArray()))
            .ToList();
}

using LiftWing.Core.Errors;
using LiftWing.Core.Inference;
using LiftWing.Core.Models;
using LiftWing.Core.Tensors;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using ModelMetadata = LiftWing.Core.Models.ModelMetadata;

namespace LiftWing.Models.Onnx;

/// <summary>
/// The generic <c>onnx</c> server: any ONNX model through V2 infer. Input and output names, datatypes and
/// shapes come from the model; a request that does not match them is a 400 naming the tensor.
/// </summary>
public sealed class OnnxModel : ModelBase<OnnxModel.Inputs, IReadOnlyList<TensorData>>
{
    private readonly OnnxModelOptions _options;
    private InferenceSession? _session;
    private ModelMetadata _metadata = new() { Platform = "onnxruntime" };

    /// <summary>Creates the model.</summary>
    public OnnxModel(ModelConfig config)
        : base(config) => _options = config.GetOptions<OnnxModelOptions>();

    /// <inheritdoc />
    public override ModelMetadata Metadata => _metadata;

    /// <inheritdoc />
    protected override Task LoadCoreAsync(ModelLoadContext context, CancellationToken cancellationToken)
    {
        var path = context.GetArtifact("model");
        var so = new SessionOptions { IntraOpNumThreads = _options.IntraOpThreads, InterOpNumThreads = 1 };
        _session = new InferenceSession(path, so);
        _metadata = new ModelMetadata
        {
            Platform = "onnxruntime",
            Inputs = _session.InputMetadata.Select(kv => Spec(kv.Key, kv.Value)).ToList(),
            Outputs = _session.OutputMetadata.Select(kv => Spec(kv.Key, kv.Value)).ToList(),
        };
        return Task.CompletedTask;
    }

    private static TensorSpec Spec(string name, NodeMetadata m) =>
        new(name, DatatypeOf(m.ElementDataType), m.Dimensions.Select(d => (long)d).ToList());

    private static string DatatypeOf(TensorElementType t) => t switch
    {
        TensorElementType.Bool => "BOOL",
        TensorElementType.Int8 => "INT8",
        TensorElementType.Int16 => "INT16",
        TensorElementType.Int32 => "INT32",
        TensorElementType.Int64 => "INT64",
        TensorElementType.UInt8 => "UINT8",
        TensorElementType.UInt16 => "UINT16",
        TensorElementType.UInt32 => "UINT32",
        TensorElementType.UInt64 => "UINT64",
        TensorElementType.Float => "FP32",
        TensorElementType.Double => "FP64",
        TensorElementType.String => "BYTES",
        _ => t.ToString().ToUpperInvariant(),
    };

    /// <inheritdoc />
    protected override ValueTask<Inputs> PreprocessAsync(InferenceRequest request, CancellationToken cancellationToken)
    {
        var tensors = request.Tensors
            ?? throw new InvalidInputException($"Model {Name} takes V2 infer requests: POST /v2/models/{Name}/infer.");
        var byName = new Dictionary<string, TensorData>(StringComparer.Ordinal);
        foreach (var t in tensors.Inputs)
        {
            if (!byName.TryAdd(t.Name, t))
            {
                throw new InvalidInputException($"Input '{t.Name}' is given twice.");
            }
        }

        foreach (var name in byName.Keys)
        {
            if (!_metadata.Inputs.Any(s => s.Name == name))
            {
                throw new InvalidInputException($"Unexpected input '{name}'; model {Name} takes: {string.Join(", ", _metadata.Inputs.Select(s => s.Name))}.");
            }
        }

        var values = new List<OrtValue>(_metadata.Inputs.Count);
        try
        {
            foreach (var spec in _metadata.Inputs)
            {
                if (!byName.TryGetValue(spec.Name, out var t))
                {
                    throw new InvalidInputException($"Missing input '{spec.Name}' ({spec.Datatype} [{string.Join(",", spec.Shape)}]).");
                }

                Validate(spec, t);
                values.Add(ToOrtValue(t));
            }
        }
        catch
        {
            foreach (var v in values)
            {
                v.Dispose();
            }

            throw;
        }

        return ValueTask.FromResult(new Inputs(_metadata.Inputs.Select(s => s.Name).ToArray(), values));
    }

    private void Validate(TensorSpec spec, TensorData t)
    {
        if (t.Datatype != spec.Datatype)
        {
            throw new InvalidInputException($"Input '{t.Name}': datatype {t.Datatype} does not match the model's {spec.Datatype}.");
        }

        if (t.ElementCount > _options.MaxElements)
        {
            throw new InvalidInputException($"Input '{t.Name}': {t.ElementCount} elements exceed the limit of {_options.MaxElements}.");
        }

        var ok = t.Shape.Length == spec.Shape.Count;
        for (var i = 0; ok && i < t.Shape.Length; i++)
        {
            ok = spec.Shape[i] < 0 || spec.Shape[i] == t.Shape[i];
        }

        if (!ok)
        {
            throw new InvalidInputException(
                $"Input '{t.Name}': shape [{string.Join(",", t.Shape)}] does not match the model's [{string.Join(",", spec.Shape)}] (-1 = any).");
        }
    }

    private static OrtValue ToOrtValue(TensorData t) => t.Data switch
    {
        float[] a => OrtValue.CreateTensorValueFromMemory(a, t.Shape),
        double[] a => OrtValue.CreateTensorValueFromMemory(a, t.Shape),
        long[] a => OrtValue.CreateTensorValueFromMemory(a, t.Shape),
        int[] a => OrtValue.CreateTensorValueFromMemory(a, t.Shape),
        short[] a => OrtValue.CreateTensorValueFromMemory(a, t.Shape),
        sbyte[] a => OrtValue.CreateTensorValueFromMemory(a, t.Shape),
        byte[] a => OrtValue.CreateTensorValueFromMemory(a, t.Shape),
        ushort[] a => OrtValue.CreateTensorValueFromMemory(a, t.Shape),
        uint[] a => OrtValue.CreateTensorValueFromMemory(a, t.Shape),
        ulong[] a => OrtValue.CreateTensorValueFromMemory(a, t.Shape),
        bool[] a => OrtValue.CreateTensorValueFromMemory(a, t.Shape),
        string[] a => OrtValue.CreateFromStringTensor(new DenseTensor<string>(a, t.Shape.Select(d => (int)d).ToArray())),
        _ => throw new InvalidInputException($"Input '{t.Name}': unsupported datatype {t.Datatype}."),
    };

    /// <inheritdoc />
    protected override ValueTask<IReadOnlyList<TensorData>> PredictAsync(Inputs input, InferenceRequest request, CancellationToken cancellationToken)
    {
        var session = _session ?? throw new ModelNotReadyException(Name);
        try
        {
            var outputNames = _metadata.Outputs.Select(o => o.Name).ToArray();
            using var runOptions = new RunOptions();
            using var results = session.Run(runOptions, input.Names, input.Values, outputNames);
            var outputs = new List<TensorData>(outputNames.Length);
            for (var i = 0; i < outputNames.Length; i++)
            {
                outputs.Add(FromOrtValue(outputNames[i], results[i]));
            }

            return ValueTask.FromResult<IReadOnlyList<TensorData>>(outputs);
        }
        catch (OnnxRuntimeException ex)
        {
            // ORT reports shape errors it finds inside the graph (e.g. mismatched inner dims) as runtime failures.
            throw new InvalidInputException($"ONNX Runtime rejected the input: {ex.Message}");
        }
        finally
        {
            foreach (var v in input.Values)
            {
                v.Dispose();
            }
        }
    }

    private static TensorData FromOrtValue(string name, OrtValue value)
    {
        var info = value.GetTensorTypeAndShape();
        var shape = info.Shape;
        Array data = info.ElementDataType switch
        {
            TensorElementType.Float => value.GetTensorDataAsSpan<float>().ToArray(),
            TensorElementType.Double => value.GetTensorDataAsSpan<double>().ToArray(),
            TensorElementType.Int64 => value.GetTensorDataAsSpan<long>().ToArray(),
            TensorElementType.Int32 => value.GetTensorDataAsSpan<int>().ToArray(),
            TensorElementType.Int16 => value.GetTensorDataAsSpan<short>().ToArray(),
            TensorElementType.Int8 => value.GetTensorDataAsSpan<sbyte>().ToArray(),
            TensorElementType.UInt8 => value.GetTensorDataAsSpan<byte>().ToArray(),
            TensorElementType.UInt16 => value.GetTensorDataAsSpan<ushort>().ToArray(),
            TensorElementType.UInt32 => value.GetTensorDataAsSpan<uint>().ToArray(),
            TensorElementType.UInt64 => value.GetTensorDataAsSpan<ulong>().ToArray(),
            TensorElementType.Bool => value.GetTensorDataAsSpan<bool>().ToArray(),
            TensorElementType.String => value.GetStringTensorAsArray(),
            _ => throw new InferenceException($"Output '{name}' has unsupported type {info.ElementDataType}."),
        };
        return new TensorData(name, DatatypeOf(info.ElementDataType), shape, data);
    }

    /// <inheritdoc />
    protected override ValueTask<InferenceResponse> PostprocessAsync(IReadOnlyList<TensorData> output, InferenceRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new InferenceResponse
        {
            Tensors = new InferTensorResponse { ModelName = Name, ModelVersion = Version, Id = request.Tensors?.Id, Outputs = output },
        });

    /// <inheritdoc />
    public override ValueTask DisposeAsync()
    {
        _session?.Dispose();
        _session = null;
        return base.DisposeAsync();
    }

    /// <summary>The ORT inputs of one request, in the model's input order.</summary>
    public sealed record Inputs(string[] Names, IReadOnlyList<OrtValue> Values);
}

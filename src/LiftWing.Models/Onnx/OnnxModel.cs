using System.Runtime.InteropServices;
using LiftWing.Core.Errors;
using LiftWing.Core.Inference;
using LiftWing.Core.Models;
using LiftWing.Core.Tensors;
using LiftWing.Runtimes.Onnx;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using ModelMetadata = LiftWing.Core.Models.ModelMetadata;
using OrtBFloat16 = Microsoft.ML.OnnxRuntime.BFloat16;
using V2BFloat16 = LiftWing.Core.Tensors.BFloat16;

namespace LiftWing.Models.Onnx;

/// <summary>
/// The generic <c>onnx</c> server: any ONNX model through V2 infer. Input and output names, datatypes and
/// shapes come from the model; a request that does not match them is a 400 naming the tensor. FP16 and BF16 inputs
/// go to ONNX Runtime as float16/bfloat16 tensors, or are widened (exactly) where the model's input is FP32.
/// </summary>
internal sealed class OnnxModel : ModelBase<OnnxModel.Inputs, IReadOnlyList<TensorData>>
{
    private readonly OnnxModelOptions _options;
    private OnnxSession? _session;
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
        _session = OnnxSession.Create(path, new OnnxSessionOptions { IntraOpThreads = _options.IntraOpThreads });
        _metadata = new ModelMetadata
        {
            Platform = "onnxruntime",
            Inputs = _session.Inputs.Select(Spec).ToList(),
            Outputs = _session.Outputs.Select(Spec).ToList(),
        };
        return Task.CompletedTask;
    }

    private static TensorSpec Spec(OnnxTensorInfo t) => new(t.Name, DatatypeOf(t.ElementType), t.Shape);

    // Types with no V2 name (e.g. complex) still describe themselves in metadata rather than failing the load.
    private static string DatatypeOf(TensorElementType t)
    {
        try
        {
            return OnnxDatatypes.ToV2(t);
        }
        catch (NotSupportedException)
        {
            return t.ToString().ToUpperInvariant();
        }
    }

    /// <inheritdoc />
    protected override ValueTask<Inputs> PreprocessAsync(InferenceRequest request, CancellationToken cancellationToken)
    {
        // KServe's tensor V1 for single-input models: {"instances": [...]} is the input tensor, batch first.
        var tensors = request.Tensors
            ?? (request.Protocol == InferenceProtocol.V1 && _metadata.Inputs.Count == 1
                ? V1TensorCodec.DecodeInstances(request.Body, _metadata.Inputs[0], Name)
                : throw new InvalidInputException($"Model {Name} takes V2 infer requests: POST /v2/models/{Name}/infer."));
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
                values.Add(ToOrtValue(FloatWidening.Widens(t.Datatype, spec.Datatype) ? FloatWidening.ToSingle(t) : t));
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
        if (t.Datatype != spec.Datatype && !FloatWidening.Widens(t.Datatype, spec.Datatype))
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

    // By datatype, not by a type test: the runtime lets a byte[] pass as sbyte[] (uint[] as int[], ...).
    private static OrtValue ToOrtValue(TensorData t) => t.Datatype switch
    {
        "FP32" => OrtValue.CreateTensorValueFromMemory((float[])t.Data, t.Shape),
        "FP64" => OrtValue.CreateTensorValueFromMemory((double[])t.Data, t.Shape),
        "FP16" => OrtValue.CreateTensorValueFromMemory(MemoryMarshal.Cast<Half, Float16>((Half[])t.Data).ToArray(), t.Shape),
        "BF16" => OrtValue.CreateTensorValueFromMemory(MemoryMarshal.Cast<V2BFloat16, OrtBFloat16>((V2BFloat16[])t.Data).ToArray(), t.Shape),
        "INT64" => OrtValue.CreateTensorValueFromMemory((long[])t.Data, t.Shape),
        "INT32" => OrtValue.CreateTensorValueFromMemory((int[])t.Data, t.Shape),
        "INT16" => OrtValue.CreateTensorValueFromMemory((short[])t.Data, t.Shape),
        "INT8" => OrtValue.CreateTensorValueFromMemory((sbyte[])t.Data, t.Shape),
        "UINT8" => OrtValue.CreateTensorValueFromMemory((byte[])t.Data, t.Shape),
        "UINT16" => OrtValue.CreateTensorValueFromMemory((ushort[])t.Data, t.Shape),
        "UINT32" => OrtValue.CreateTensorValueFromMemory((uint[])t.Data, t.Shape),
        "UINT64" => OrtValue.CreateTensorValueFromMemory((ulong[])t.Data, t.Shape),
        "BOOL" => OrtValue.CreateTensorValueFromMemory((bool[])t.Data, t.Shape),
        "BYTES" => OrtValue.CreateFromStringTensor(new DenseTensor<string>((string[])t.Data, t.Shape.Select(d => (int)d).ToArray())),
        _ => throw new InvalidInputException($"Input '{t.Name}': unsupported datatype {t.Datatype}."),
    };

    /// <inheritdoc />
    protected override ValueTask<IReadOnlyList<TensorData>> PredictAsync(Inputs input, InferenceRequest request, CancellationToken cancellationToken)
    {
        var session = _session ?? throw new ModelNotReadyException(Name);
        try
        {
            var outputNames = _metadata.Outputs.Select(o => o.Name).ToArray();
            using var results = session.Run(input.Names, input.Values, outputNames, cancellationToken);
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
            TensorElementType.Float16 => MemoryMarshal.Cast<Float16, Half>(value.GetTensorDataAsSpan<Float16>()).ToArray(),
            TensorElementType.BFloat16 => MemoryMarshal.Cast<OrtBFloat16, V2BFloat16>(value.GetTensorDataAsSpan<OrtBFloat16>()).ToArray(),
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
    protected override ValueTask<InferenceResponse> PostprocessAsync(IReadOnlyList<TensorData> output, InferenceRequest request, CancellationToken cancellationToken)
    {
        var tensors = new InferTensorResponse { ModelName = Name, ModelVersion = Version, Id = request.Tensors?.Id, Outputs = output };
        return ValueTask.FromResult(request.Tensors is null
            ? InferenceResponse.FromUtf8(V1TensorCodec.EncodePredictions(tensors))
            : new InferenceResponse { Tensors = tensors });
    }

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

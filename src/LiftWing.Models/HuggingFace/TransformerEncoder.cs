using LiftWing.Runtimes.Onnx;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace LiftWing.Models.HuggingFace;

/// <summary>
/// Runs a transformer ONNX graph (<c>input_ids</c>, optional <c>attention_mask</c> and <c>token_type_ids</c>) on a
/// batch of tokenized texts padded to the batch's longest, and returns one vector per text: the pooled
/// embedding, the class logits, or the per-token logits (row-major, real tokens only). Padding never changes
/// a text's result because the mask hides it and pooling only reads real tokens.
/// </summary>
internal sealed class TransformerEncoder : IDisposable
{
    private const string InputIds = "input_ids";
    private const string AttentionMask = "attention_mask";
    private const string TokenTypeIds = "token_type_ids";

    private readonly OnnxSession _session;
    private readonly HuggingFaceTask _task;
    private readonly bool _clsPooling;
    private readonly bool _normalize;
    private readonly long _padId;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly int _outputRank;
    private readonly double _maxPaddingRatio;

    /// <summary>Checks the graph signature and picks the output.</summary>
    public TransformerEncoder(OnnxSession session, HuggingFaceTask task, HuggingFaceOptions options, long padId)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(options);
        _session = session;
        _task = task;
        _padId = padId;
        _normalize = options.Normalize;
        _maxPaddingRatio = Math.Max(1.0, options.MaxPaddingRatio);
        _clsPooling = options.Pooling.ToLowerInvariant() switch
        {
            "mean" => false,
            "cls" => true,
            _ => throw new NotSupportedException($"pooling '{options.Pooling}' is not supported (mean, cls)."),
        };

        if (session.FindInput(InputIds) is null)
        {
            throw new InvalidDataException($"the ONNX graph has no '{InputIds}' input (inputs: {string.Join(", ", session.Inputs.Select(i => i.Name))}).");
        }

        foreach (var input in session.Inputs)
        {
            if (input.Name is not (InputIds or AttentionMask or TokenTypeIds))
            {
                throw new InvalidDataException($"the ONNX graph needs input '{input.Name}'; only {InputIds}, {AttentionMask} and {TokenTypeIds} can be fed.");
            }

            if (input.ElementType != TensorElementType.Int64)
            {
                throw new InvalidDataException($"input '{input.Name}' is {input.ElementType}; int64 is expected.");
            }
        }

        _inputNames = session.Inputs.Select(i => i.Name).ToArray();
        var output = PickOutput(session, task, options.OutputName);
        if (output.ElementType != TensorElementType.Float)
        {
            throw new InvalidDataException($"output '{output.Name}' is {output.ElementType}; float is expected.");
        }

        _outputNames = [output.Name];
        _outputRank = output.Shape.Count;
        var expectedRank = task == HuggingFaceTask.SequenceClassification ? 2 : 3;
        if (_outputRank != expectedRank && !(task == HuggingFaceTask.TextEmbedding && _outputRank == 2))
        {
            throw new InvalidDataException($"output '{output.Name}' has rank {_outputRank}; {HuggingFaceTasks.ToName(task)} needs rank {expectedRank}.");
        }

        OutputName = output.Name;
        Width = output.Shape[^1] > 0 ? (int)output.Shape[^1] : null;
    }

    /// <summary>The graph output read.</summary>
    public string OutputName { get; }

    /// <summary>The last dimension of the output (embedding size or label count) when the graph fixes it.</summary>
    public int? Width { get; }

    /// <summary>
    /// Runs a batch and returns one result per text, in order. Texts are sorted by length and cut into groups
    /// whose padded size stays within <see cref="HuggingFaceOptions.MaxPaddingRatio"/> of their real tokens, one
    /// ONNX call per group: padding is pure waste on a CPU, and mixed lengths would otherwise eat the batching gain.
    /// </summary>
    public IReadOnlyList<float[]> Run(IReadOnlyList<EncodedText> items) => Run(items, CancellationToken.None);

    /// <summary>
    /// <see cref="Run(IReadOnlyList{EncodedText})"/>, stopped when <paramref name="cancellationToken"/> fires: between
    /// groups, and inside an ONNX call (ONNX Runtime is told to terminate; it stops at its next operator).
    /// </summary>
    public IReadOnlyList<float[]> Run(IReadOnlyList<EncodedText> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count <= 1)
        {
            return RunPadded(items, cancellationToken);
        }

        var order = Enumerable.Range(0, items.Count).OrderBy(i => items[i].Length).ToArray();
        var results = new float[items.Count][];
        var start = 0;
        while (start < order.Length)
        {
            var end = start + 1;
            long tokens = items[order[start]].Length;
            while (end < order.Length)
            {
                // Sorted ascending, so the newcomer sets the padded length of the whole group.
                var length = items[order[end]].Length;
                if ((end - start + 1) * (long)length > (tokens + length) * _maxPaddingRatio)
                {
                    break;
                }

                tokens += length;
                end++;
            }

            var group = new EncodedText[end - start];
            for (var k = 0; k < group.Length; k++)
            {
                group[k] = items[order[start + k]];
            }

            var groupResults = RunPadded(group, cancellationToken);
            for (var k = 0; k < group.Length; k++)
            {
                results[order[start + k]] = groupResults[k];
            }

            start = end;
        }

        return results;
    }

    /// <summary>Runs one ONNX call on texts padded to the longest of them.</summary>
    private IReadOnlyList<float[]> RunPadded(IReadOnlyList<EncodedText> items, CancellationToken cancellationToken)
    {
        if (items.Count == 0)
        {
            return [];
        }

        var batch = items.Count;
        var seq = items.Max(i => i.Length);
        var ids = new long[batch * seq];
        var mask = new long[batch * seq];
        Array.Fill(ids, _padId);
        for (var b = 0; b < batch; b++)
        {
            var item = items[b];
            item.Ids.AsSpan().CopyTo(ids.AsSpan(b * seq));
            mask.AsSpan(b * seq, item.Length).Fill(1);
        }

        long[] shape = [batch, seq];
        var values = new OrtValue[_inputNames.Length];
        try
        {
            for (var i = 0; i < _inputNames.Length; i++)
            {
                values[i] = _inputNames[i] switch
                {
                    InputIds => OrtValue.CreateTensorValueFromMemory(ids, shape),
                    AttentionMask => OrtValue.CreateTensorValueFromMemory(mask, shape),
                    _ => OrtValue.CreateTensorValueFromMemory(new long[batch * seq], shape),
                };
            }

            using var outputs = _session.Run(_inputNames, values, _outputNames, cancellationToken);
            var output = outputs[0];
            var outShape = output.GetTensorTypeAndShape().Shape;
            var data = output.GetTensorDataAsSpan<float>();
            return Split(items, data, outShape);
        }
        finally
        {
            foreach (var v in values)
            {
                v?.Dispose();
            }
        }
    }

    private float[][] Split(IReadOnlyList<EncodedText> items, ReadOnlySpan<float> data, long[] shape)
    {
        var results = new float[items.Count][];
        var width = (int)shape[^1];
        if (_outputRank == 2)
        {
            for (var b = 0; b < items.Count; b++)
            {
                results[b] = data.Slice(b * width, width).ToArray();
                if (_task == HuggingFaceTask.TextEmbedding && _normalize)
                {
                    VectorMath.NormalizeL2(results[b]);
                }
            }

            return results;
        }

        var seq = (int)shape[1];
        for (var b = 0; b < items.Count; b++)
        {
            var len = items[b].Length;
            var rows = data.Slice(b * seq * width, seq * width);
            if (_task == HuggingFaceTask.TokenClassification)
            {
                results[b] = rows[..(len * width)].ToArray();
                continue;
            }

            var vector = new float[width];
            if (_clsPooling)
            {
                rows[..width].CopyTo(vector);
            }
            else
            {
                VectorMath.MeanRows(rows, len, width, vector);
            }

            if (_normalize)
            {
                VectorMath.NormalizeL2(vector);
            }

            results[b] = vector;
        }

        return results;
    }

    private static OnnxTensorInfo PickOutput(OnnxSession session, HuggingFaceTask task, string? name)
    {
        if (name is not null)
        {
            return session.FindOutput(name) ?? throw new InvalidDataException($"the ONNX graph has no output '{name}' (outputs: {string.Join(", ", session.Outputs.Select(o => o.Name))}).");
        }

        var preferred = task == HuggingFaceTask.TextEmbedding ? "last_hidden_state" : "logits";
        return session.FindOutput(preferred) ?? (session.Outputs.Count > 0 ? session.Outputs[0] : throw new InvalidDataException("the ONNX graph has no outputs."));
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();
}

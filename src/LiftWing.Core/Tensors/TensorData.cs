namespace LiftWing.Core.Tensors;

/// <summary>
/// A named V2 tensor: datatype, shape and flat row-major data. <see cref="Data"/> is a typed array matching
/// <see cref="Datatype"/>: bool[], sbyte[], short[], int[], long[], byte[], ushort[], uint[], ulong[], Half[] (FP16),
/// <see cref="BFloat16"/>[] (BF16), float[], double[], or string[] for BYTES.
/// </summary>
public sealed class TensorData
{
    /// <summary>Creates a tensor; checks that the shape matches the data length.</summary>
    public TensorData(string name, string datatype, long[] shape, Array data, IReadOnlyDictionary<string, object?>? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(data);
        Name = name;
        Datatype = datatype;
        Shape = shape;
        Data = data;
        Parameters = parameters;
    }

    /// <summary>The tensor name.</summary>
    public string Name { get; }

    /// <summary>The V2 datatype name (BOOL, INT8 … FP64, BYTES).</summary>
    public string Datatype { get; }

    /// <summary>The shape.</summary>
    public long[] Shape { get; }

    /// <summary>The flat data.</summary>
    public Array Data { get; }

    /// <summary>Optional per-tensor parameters.</summary>
    public IReadOnlyDictionary<string, object?>? Parameters { get; }

    /// <summary>The element count the shape implies.</summary>
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);
}

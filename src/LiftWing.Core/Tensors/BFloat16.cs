namespace LiftWing.Core.Tensors;

/// <summary>
/// A V2 <c>BF16</c> element (bfloat16: the upper 16 bits of an IEEE float32), kept as its bits. The BCL has no
/// bfloat16 type; this one only stores, compares and converts, which is all the data plane needs (models that take
/// float32 get the exact widened values; ONNX Runtime gets the bits unchanged).
/// </summary>
public readonly record struct BFloat16(ushort Bits)
{
    /// <summary>The exact float32 value (bfloat16 widens losslessly).</summary>
    public static explicit operator float(BFloat16 value) => BitConverter.UInt32BitsToSingle((uint)value.Bits << 16);

    /// <summary>The nearest bfloat16 (ties to even); NaN stays NaN.</summary>
    public static explicit operator BFloat16(float value)
    {
        var bits = BitConverter.SingleToUInt32Bits(value);
        if (float.IsNaN(value))
        {
            return new BFloat16((ushort)((bits >> 16) | 0x40)); // keep it a (quiet) NaN after truncation
        }

        var roundingBias = 0x7FFFu + ((bits >> 16) & 1);
        return new BFloat16((ushort)((bits + roundingBias) >> 16));
    }

    /// <summary>The exact float32 value.</summary>
    public float ToSingle() => (float)this;

    /// <summary>The nearest bfloat16 of a float32 (ties to even).</summary>
    public static BFloat16 FromSingle(float value) => (BFloat16)value;

    /// <inheritdoc />
    public override string ToString() => ToSingle().ToString(System.Globalization.CultureInfo.InvariantCulture);
}

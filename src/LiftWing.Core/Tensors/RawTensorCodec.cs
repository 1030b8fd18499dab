using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using LiftWing.Core.Errors;

namespace LiftWing.Core.Tensors;

/// <summary>
/// The raw tensor layout shared by gRPC <c>raw_input_contents</c>/<c>raw_output_contents</c> and the REST binary
/// tensor extension: row-major, little-endian, no padding; BOOL one byte per element; BYTES each element a
/// 4-byte little-endian length followed by its bytes; FP16 and BF16 (raw only, as in KServe) two bytes each.
/// </summary>
public static class RawTensorCodec
{
    /// <summary>Decodes raw bytes into a typed array; a size that does not match the shape is a 400 naming the input.</summary>
    public static Array Decode(string name, string datatype, long[] shape, ReadOnlySpan<byte> raw) =>
        Decode(name, datatype, shape, raw, TensorElementBudget.Default());

    /// <summary>
    /// The same, taking the shape's element count from the request's <paramref name="budget"/> (all inputs together)
    /// before anything is allocated: too many dimensions, an overflowing count or too many elements is a 400.
    /// </summary>
    public static Array Decode(string name, string datatype, long[] shape, ReadOnlySpan<byte> raw, TensorElementBudget budget)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(budget);
        var count = budget.Take(name, shape);
        if (datatype == "BYTES")
        {
            return DecodeBytes(name, shape, count, raw);
        }

        var size = Datatypes.ElementSize(datatype);
        if (count > raw.Length || count * size != raw.Length)
        {
            throw new InvalidInputException(
                $"Input '{name}': {raw.Length} bytes of raw data do not match shape [{string.Join(",", shape)}] of {datatype} ({count} × {size} bytes).");
        }

        return datatype switch
        {
            "FP32" => Copy<float>(raw),
            "FP64" => Copy<double>(raw),
            "FP16" => Copy<Half>(raw),
            "BF16" => Copy<BFloat16>(raw),
            "INT64" => Copy<long>(raw),
            "INT32" => Copy<int>(raw),
            "INT16" => Copy<short>(raw),
            "INT8" => Copy<sbyte>(raw),
            "UINT64" => Copy<ulong>(raw),
            "UINT32" => Copy<uint>(raw),
            "UINT16" => Copy<ushort>(raw),
            "UINT8" => raw.ToArray(),
            "BOOL" => DecodeBool(raw),
            _ => throw new InvalidInputException($"Input '{name}': unsupported datatype {datatype}."),
        };
    }

    /// <summary>The number of bytes <see cref="Encode"/> writes for a tensor.</summary>
    public static int EncodedLength(TensorData tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.Data is string[] strings)
        {
            long total = 0;
            foreach (var s in strings)
            {
                total += 4 + Encoding.UTF8.GetByteCount(s);
            }

            return checked((int)total);
        }

        return checked(tensor.Data.Length * Datatypes.ElementSize(tensor.Datatype));
    }

    /// <summary>Writes a tensor's raw bytes.</summary>
    public static void Encode(TensorData tensor, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ArgumentNullException.ThrowIfNull(output);
        switch (tensor.Data)
        {
            case string[] strings:
                foreach (var s in strings)
                {
                    var n = Encoding.UTF8.GetByteCount(s);
                    var span = output.GetSpan(4 + n);
                    BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)n);
                    Encoding.UTF8.GetBytes(s, span[4..]);
                    output.Advance(4 + n);
                }

                break;
            case bool[] b:
                var bytes = output.GetSpan(b.Length);
                for (var i = 0; i < b.Length; i++)
                {
                    bytes[i] = b[i] ? (byte)1 : (byte)0;
                }

                output.Advance(b.Length);
                break;
            default:
                var source = AsBytes(tensor.Data);
                source.CopyTo(output.GetSpan(source.Length));
                output.Advance(source.Length);
                break;
        }
    }

    /// <summary>The bytes of a numeric array (little-endian on every platform .NET runs ONNX Runtime on).</summary>
    public static ReadOnlySpan<byte> AsBytes(Array data) => data switch
    {
        float[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        double[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        Half[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        BFloat16[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        long[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        int[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        short[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        sbyte[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        ulong[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        uint[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        ushort[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        byte[] a => a,
        bool[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        _ => throw new ArgumentException($"No raw layout for {data?.GetType()}.", nameof(data)),
    };

    private static T[] Copy<T>(ReadOnlySpan<byte> raw)
        where T : unmanaged => MemoryMarshal.Cast<byte, T>(raw).ToArray();

    private static bool[] DecodeBool(ReadOnlySpan<byte> raw)
    {
        var result = new bool[raw.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            result[i] = raw[i] != 0;
        }

        return result;
    }

    private static string[] DecodeBytes(string name, long[] shape, long count, ReadOnlySpan<byte> raw)
    {
        // Each element takes at least its 4-byte length, which bounds the array before it is allocated.
        if (count > raw.Length / 4)
        {
            throw new InvalidInputException($"Input '{name}': {raw.Length} bytes of raw data cannot hold the {count} BYTES elements of shape [{string.Join(",", shape)}].");
        }

        var result = new string[count];
        var offset = 0;
        for (var i = 0; i < count; i++)
        {
            if (raw.Length - offset < 4)
            {
                throw new InvalidInputException($"Input '{name}': raw BYTES element {i} has no 4-byte length.");
            }

            var n = BinaryPrimitives.ReadUInt32LittleEndian(raw[offset..]);
            offset += 4;
            if (n > (uint)(raw.Length - offset))
            {
                throw new InvalidInputException($"Input '{name}': raw BYTES element {i} claims {n} bytes but {raw.Length - offset} are left.");
            }

            result[i] = Encoding.UTF8.GetString(raw.Slice(offset, (int)n));
            offset += (int)n;
        }

        if (offset != raw.Length)
        {
            throw new InvalidInputException($"Input '{name}': {raw.Length - offset} bytes of raw data are left after the {count} BYTES elements.");
        }

        return result;
    }
}

using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace LiftWing.Core.Tensors;

/// <summary>Writes V2 tensor objects from typed spans with <see cref="Utf8JsonWriter"/> (no boxed elements).</summary>
internal static class V2JsonTensorWriter
{
    public static void Write(Utf8JsonWriter w, TensorData t, bool binary)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(t);
        w.WriteStartObject();
        w.WriteString("name"u8, t.Name);
        w.WriteString("datatype"u8, t.Datatype);
        w.WriteStartArray("shape"u8);
        foreach (var d in t.Shape)
        {
            w.WriteNumberValue(d);
        }

        w.WriteEndArray();
        if (binary)
        {
            w.WritePropertyName("parameters"u8);
            WriteParameters(w, t.Parameters, RawTensorCodec.EncodedLength(t));
            w.WriteEndObject();
            return;
        }

        if (t.Parameters is { Count: > 0 })
        {
            w.WritePropertyName("parameters"u8);
            WriteParameters(w, t.Parameters, null);
        }

        w.WritePropertyName("data"u8);
        WriteArray(w, t, 0, t.Data.Length);
        w.WriteEndObject();
    }

    /// <summary>Writes the data as arrays nested by the shape (row-major), e.g. [[1,2],[3,4]] for [2,2].</summary>
    public static void WriteNested(Utf8JsonWriter w, TensorData t) => WriteNested(w, t, 0, 0, t.Data.Length);

    private static void WriteNested(Utf8JsonWriter w, TensorData t, int dimension, int offset, int length)
    {
        if (t.Shape.Length - dimension <= 1)
        {
            WriteArray(w, t, offset, length);
            return;
        }

        // Row by row: each row is the next `length / rows` elements of the flat data.
        var rows = (int)t.Shape[dimension];
        var rowLength = rows == 0 ? 0 : length / rows;
        w.WriteStartArray();
        for (var r = 0; r < rows; r++)
        {
            WriteNested(w, t, dimension + 1, offset + (r * rowLength), rowLength);
        }

        w.WriteEndArray();
    }

    /// <summary>Writes elements [offset, offset + length) of the flat data as one JSON array.</summary>
    private static void WriteArray(Utf8JsonWriter w, TensorData t, int offset, int length)
    {
        // By datatype, not by a type test: the runtime lets a byte[] pass as sbyte[] (long[] as ulong[], ...).
        switch (t.Datatype)
        {
            case "FP32":
                WriteFloats(w, ((float[])t.Data).AsSpan(offset, length));
                return;
            case "FP16":
                WriteFloats(w, ((Half[])t.Data).AsSpan(offset, length));
                return;
            case "BF16":
                WriteFloats(w, ((BFloat16[])t.Data).AsSpan(offset, length));
                return;
        }

        w.WriteStartArray();
        switch (t.Datatype)
        {
            case "FP64":
                foreach (var v in ((double[])t.Data).AsSpan(offset, length))
                {
                    if (double.IsFinite(v)) { w.WriteNumberValue(v); } else { w.WriteNullValue(); }
                }

                break;
            case "UINT64":
                foreach (var v in ((ulong[])t.Data).AsSpan(offset, length)) { w.WriteNumberValue(v); }
                break;
            case "UINT32":
                foreach (var v in ((uint[])t.Data).AsSpan(offset, length)) { w.WriteNumberValue(v); }
                break;
            case "UINT16":
                foreach (var v in ((ushort[])t.Data).AsSpan(offset, length)) { w.WriteNumberValue((uint)v); }
                break;
            case "UINT8":
                foreach (var v in ((byte[])t.Data).AsSpan(offset, length)) { w.WriteNumberValue((uint)v); }
                break;
            case "INT64":
                foreach (var v in ((long[])t.Data).AsSpan(offset, length)) { w.WriteNumberValue(v); }
                break;
            case "INT32":
                foreach (var v in ((int[])t.Data).AsSpan(offset, length)) { w.WriteNumberValue(v); }
                break;
            case "INT16":
                foreach (var v in ((short[])t.Data).AsSpan(offset, length)) { w.WriteNumberValue((int)v); }
                break;
            case "INT8":
                foreach (var v in ((sbyte[])t.Data).AsSpan(offset, length)) { w.WriteNumberValue((int)v); }
                break;
            case "BOOL":
                foreach (var v in ((bool[])t.Data).AsSpan(offset, length)) { w.WriteBooleanValue(v); }
                break;
            case "BYTES":
                foreach (var v in ((string[])t.Data).AsSpan(offset, length)) { w.WriteStringValue(v); }
                break;
            default:
                throw new ArgumentException($"Tensor '{t.Name}' has datatype {t.Datatype}, which has no JSON form.");
        }

        w.WriteEndArray();
    }

    /// <summary>
    /// Formats the whole array into a pooled buffer and hands it to the writer as one raw value: per-element
    /// <see cref="Utf8JsonWriter.WriteNumberValue(float)"/> calls cost more than the formatting. Same text as the
    /// writer's (shortest round trip), and null for a non-finite value. FP16 and BF16 are widened to float a block at a
    /// time, then formatted as FP32 is (<see cref="Utf8FloatBatchFormatter"/>).
    /// </summary>
    private static void WriteFloats<T>(Utf8JsonWriter w, ReadOnlySpan<T> values)
        where T : unmanaged
    {
        // Room for the longest text and a comma per element, plus the formatter's scratch past the last one.
        var buffer = ArrayPool<byte>.Shared.Rent(2 + (values.Length * Utf8FloatBatchFormatter.MaxLengthPerElement) + Utf8FloatFormatter.ScratchLength);
        try
        {
            ref var start = ref MemoryMarshal.GetArrayDataReference(buffer);
            start = (byte)'[';
            var pos = 1;
            if (typeof(T) == typeof(float))
            {
                pos += Utf8FloatBatchFormatter.FormatJoined(MemoryMarshal.Cast<T, float>(values), ref Unsafe.Add(ref start, pos));
            }
            else
            {
                Span<float> block = stackalloc float[256];
                for (var i = 0; i < values.Length; i += block.Length)
                {
                    var part = values.Slice(i, Math.Min(block.Length, values.Length - i));
                    for (var j = 0; j < part.Length; j++)
                    {
                        block[j] = typeof(T) == typeof(Half) ? (float)Unsafe.BitCast<T, Half>(part[j]) : (float)Unsafe.BitCast<T, BFloat16>(part[j]);
                    }

                    pos += Utf8FloatBatchFormatter.FormatJoined(block[..part.Length], ref Unsafe.Add(ref start, pos));
                }
            }

            if (values.IsEmpty)
            {
                pos++;
            }

            buffer[pos - 1] = (byte)']';
            w.WriteRawValue(buffer.AsSpan(0, pos), skipInputValidation: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Writes a parameters object, adding <c>binary_data_size</c> when given.</summary>
    public static void WriteParameters(Utf8JsonWriter w, IReadOnlyDictionary<string, object?>? parameters, long? binarySize)
    {
        w.WriteStartObject();
        if (parameters is not null)
        {
            foreach (var (key, value) in parameters)
            {
                if (binarySize is not null && key == "binary_data_size")
                {
                    continue;
                }

                w.WritePropertyName(key);
                WriteValue(w, value);
            }
        }

        if (binarySize is { } size)
        {
            w.WriteNumber("binary_data_size"u8, size);
        }

        w.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case string s: w.WriteStringValue(s); break;
            case bool b: w.WriteBooleanValue(b); break;
            case long l: w.WriteNumberValue(l); break;
            case int i: w.WriteNumberValue(i); break;
            case double d when double.IsFinite(d): w.WriteNumberValue(d); break;
            case float f when float.IsFinite(f): w.WriteNumberValue(f); break;
            case JsonElement e: e.WriteTo(w); break;
            default: w.WriteStringValue(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)); break;
        }
    }
}

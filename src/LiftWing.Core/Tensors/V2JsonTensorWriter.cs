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

        w.WriteStartArray("data"u8);
        WriteData(w, t);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Writes the data as arrays nested by the shape (row-major), e.g. [[1,2],[3,4]] for [2,2].</summary>
    public static void WriteNested(Utf8JsonWriter w, TensorData t)
    {
        if (t.Shape.Length <= 1)
        {
            w.WriteStartArray();
            WriteData(w, t);
            w.WriteEndArray();
            return;
        }

        // Slice the flat data row by row into tensors of the inner shape.
        var rows = (int)t.Shape[0];
        var inner = t.Shape[1..];
        var rowLength = rows == 0 ? 0 : t.Data.Length / rows;
        w.WriteStartArray();
        for (var r = 0; r < rows; r++)
        {
            var slice = Array.CreateInstance(t.Data.GetType().GetElementType()!, rowLength);
            Array.Copy(t.Data, r * rowLength, slice, 0, rowLength);
            WriteNested(w, new TensorData(t.Name, t.Datatype, inner, slice));
        }

        w.WriteEndArray();
    }

    private static void WriteData(Utf8JsonWriter w, TensorData t)
    {
        // By datatype, not by a type test: the runtime lets a byte[] pass as sbyte[] (long[] as ulong[], ...).
        switch (t.Datatype)
        {
            case "FP32":
                foreach (var v in (float[])t.Data)
                {
                    if (float.IsFinite(v)) { w.WriteNumberValue(v); } else { w.WriteNullValue(); }
                }

                break;
            case "FP64":
                foreach (var v in (double[])t.Data)
                {
                    if (double.IsFinite(v)) { w.WriteNumberValue(v); } else { w.WriteNullValue(); }
                }

                break;
            case "FP16":
                foreach (var v in (Half[])t.Data)
                {
                    if (Half.IsFinite(v)) { w.WriteNumberValue((float)v); } else { w.WriteNullValue(); }
                }

                break;
            case "UINT64":
                foreach (var v in (ulong[])t.Data) { w.WriteNumberValue(v); }
                break;
            case "UINT32":
                foreach (var v in (uint[])t.Data) { w.WriteNumberValue(v); }
                break;
            case "UINT16":
                foreach (var v in (ushort[])t.Data) { w.WriteNumberValue((uint)v); }
                break;
            case "UINT8":
                foreach (var v in (byte[])t.Data) { w.WriteNumberValue((uint)v); }
                break;
            case "INT64":
                foreach (var v in (long[])t.Data) { w.WriteNumberValue(v); }
                break;
            case "INT32":
                foreach (var v in (int[])t.Data) { w.WriteNumberValue(v); }
                break;
            case "INT16":
                foreach (var v in (short[])t.Data) { w.WriteNumberValue((int)v); }
                break;
            case "INT8":
                foreach (var v in (sbyte[])t.Data) { w.WriteNumberValue((int)v); }
                break;
            case "BOOL":
                foreach (var v in (bool[])t.Data) { w.WriteBooleanValue(v); }
                break;
            case "BYTES":
                foreach (var v in (string[])t.Data) { w.WriteStringValue(v); }
                break;
            default:
                throw new ArgumentException($"Tensor '{t.Name}' has datatype {t.Datatype}, which has no JSON form.");
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

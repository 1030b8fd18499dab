using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using LiftWing.Core.Errors;

namespace LiftWing.Core.Tensors;

/// <summary>
/// Reads a V2 <c>data</c> array, flat or nested, into a typed array of exactly the shape's element count.
/// No element is boxed; a shape that the body cannot possibly fill is never allocated.
/// </summary>
internal static class V2JsonTensorData
{
    /// <summary>
    /// Reads from the array's start token; leaves the reader on its end token. The shape is checked against, and its
    /// element count taken from, the request's <paramref name="budget"/> before anything is read or allocated.
    /// <paramref name="json"/> is the whole text the reader reads, starting <paramref name="readerBase"/> bytes before
    /// the reader's own start: FP32 arrays are read from it directly and the reader is replaced by one that resumes
    /// after them (so both may change).
    /// </summary>
    public static Array Read(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, ref int readerBase, string name, string datatype, long[] shape, TensorElementBudget budget)
    {
        var count = budget.Take(name, shape);

        // Every element needs at least one byte plus a separator: a larger count cannot match, so only count.
        var fits = count <= (json.Length / 2) + 1;
        var n = (int)Math.Min(count, fits ? count : 0);
        return datatype switch
        {
            "FP32" => ReadNumbers<float>(ref reader, json, ref readerBase, name, datatype, shape, count, n),
            "FP64" => ReadNumbers<double>(ref reader, json, ref readerBase, name, datatype, shape, count, n),
            "INT64" => ReadNumbers<long>(ref reader, json, ref readerBase, name, datatype, shape, count, n),
            "INT32" => ReadNumbers<int>(ref reader, json, ref readerBase, name, datatype, shape, count, n),
            "INT16" => ReadNumbers<short>(ref reader, json, ref readerBase, name, datatype, shape, count, n),
            "INT8" => ReadNumbers<sbyte>(ref reader, json, ref readerBase, name, datatype, shape, count, n),
            "UINT64" => ReadNumbers<ulong>(ref reader, json, ref readerBase, name, datatype, shape, count, n),
            "UINT32" => ReadNumbers<uint>(ref reader, json, ref readerBase, name, datatype, shape, count, n),
            "UINT16" => ReadNumbers<ushort>(ref reader, json, ref readerBase, name, datatype, shape, count, n),
            "UINT8" => ReadNumbers<byte>(ref reader, json, ref readerBase, name, datatype, shape, count, n),
            "BOOL" => ReadNumbers<bool>(ref reader, json, ref readerBase, name, datatype, shape, count, n),
            "BYTES" => ReadStrings(ref reader, name, shape, count, n),
            _ => throw new InvalidInputException($"Input '{name}': datatype {datatype} cannot be sent as JSON data; send it as binary data."),
        };
    }

    /// <summary>
    /// Reads a flat or nested array of numbers into a typed array. For FP32, after each number the reader reads, the
    /// numbers that follow it in the same array are taken from the text by <see cref="Utf8FloatArrayScanner"/>; the
    /// reader then resumes (from its own state, which is the same after any number of that array) where the scanner
    /// stopped. The <c>typeof</c> test is a JIT-time constant, so other types pay nothing for it.
    /// </summary>
    private static T[] ReadNumbers<T>(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, ref int readerBase, string name, string datatype, long[] shape, long count, int capacity)
        where T : unmanaged
    {
        var result = capacity == count ? new T[capacity] : [];
        long seen = 0;
        var depth = 0;
        while (reader.Read())
        {
            var token = reader.TokenType;
            if (token == JsonTokenType.StartArray)
            {
                depth++;
                continue;
            }

            if (token == JsonTokenType.EndArray)
            {
                if (depth-- == 0)
                {
                    break;
                }

                continue;
            }

            if (seen < result.Length && !TryGet(ref reader, out result[seen]))
            {
                throw NotValid(ref reader, name, datatype);
            }

            if (token == JsonTokenType.StartObject)
            {
                throw NotValid(ref reader, name, datatype);
            }

            seen++;
            if (typeof(T) == typeof(float) && token == JsonTokenType.Number && seen < result.Length && !reader.HasValueSequence)
            {
                var pos = readerBase + (int)reader.BytesConsumed;
                var taken = Utf8FloatArrayScanner.Scan(json, ref pos, MemoryMarshal.Cast<T, float>(result.AsSpan((int)seen)));
                if (taken > 0)
                {
                    reader = new Utf8JsonReader(json[pos..], isFinalBlock: true, reader.CurrentState);
                    readerBase = pos;
                    seen += taken;
                }
            }
        }

        return seen == count ? result : throw Mismatch(name, shape, count, seen);
    }

    private static string[] ReadStrings(ref Utf8JsonReader reader, string name, long[] shape, long count, int capacity)
    {
        var result = capacity == count ? new string[capacity] : [];
        long seen = 0;
        var depth = 0;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartArray:
                    depth++;
                    continue;
                case JsonTokenType.EndArray when depth-- == 0:
                    return seen == count ? result : throw Mismatch(name, shape, count, seen);
                case JsonTokenType.EndArray:
                    continue;
                case JsonTokenType.String:
                    if (seen < result.Length)
                    {
                        result[seen] = reader.GetString()!;
                    }

                    seen++;
                    continue;
                default:
                    throw NotValid(ref reader, name, "BYTES");
            }
        }

        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryGet<T>(ref Utf8JsonReader r, out T value)
        where T : unmanaged
    {
        value = default;
        if (typeof(T) == typeof(bool))
        {
            var t = r.TokenType;
            Unsafe.As<T, bool>(ref value) = t == JsonTokenType.True;
            return t is JsonTokenType.True or JsonTokenType.False;
        }

        if (r.TokenType != JsonTokenType.Number)
        {
            return false;
        }

        if (typeof(T) == typeof(float))
        {
            if (!r.HasValueSequence && Utf8FloatParser.TryParse(r.ValueSpan, out Unsafe.As<T, float>(ref value)))
            {
                return true;
            }

            return r.TryGetSingle(out Unsafe.As<T, float>(ref value)) && float.IsFinite(Unsafe.As<T, float>(ref value));
        }

        if (typeof(T) == typeof(double))
        {
            return r.TryGetDouble(out Unsafe.As<T, double>(ref value)) && double.IsFinite(Unsafe.As<T, double>(ref value));
        }

        if (typeof(T) == typeof(long))
        {
            return r.TryGetInt64(out Unsafe.As<T, long>(ref value));
        }

        if (typeof(T) == typeof(int))
        {
            return r.TryGetInt32(out Unsafe.As<T, int>(ref value));
        }

        if (typeof(T) == typeof(short))
        {
            return r.TryGetInt16(out Unsafe.As<T, short>(ref value));
        }

        if (typeof(T) == typeof(sbyte))
        {
            return r.TryGetSByte(out Unsafe.As<T, sbyte>(ref value));
        }

        if (typeof(T) == typeof(ulong))
        {
            return r.TryGetUInt64(out Unsafe.As<T, ulong>(ref value));
        }

        if (typeof(T) == typeof(uint))
        {
            return r.TryGetUInt32(out Unsafe.As<T, uint>(ref value));
        }

        if (typeof(T) == typeof(ushort))
        {
            return r.TryGetUInt16(out Unsafe.As<T, ushort>(ref value));
        }

        if (typeof(T) == typeof(byte))
        {
            return r.TryGetByte(out Unsafe.As<T, byte>(ref value));
        }

        return false;
    }

    private static InvalidInputException NotValid(ref Utf8JsonReader r, string name, string datatype)
    {
        var raw = r.TokenType switch
        {
            JsonTokenType.String => "\"" + Encoding.UTF8.GetString(r.ValueSpan) + "\"",
            JsonTokenType.StartObject => "{...}",
            _ => Encoding.UTF8.GetString(r.ValueSpan),
        };
        if (raw.Length > 64)
        {
            raw = raw[..64] + "...";
        }

        return new InvalidInputException($"Input '{name}': value {raw} is not a valid {datatype}.");
    }

    private static InvalidInputException Mismatch(string name, long[] shape, long count, long seen) =>
        new($"Input '{name}': shape [{string.Join(",", shape)}] needs {count} elements but data has {seen}.");
}

using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using LiftWing.Core.Tensors;

namespace LiftWing.Benchmarks;

/// <summary>
/// The V2 JSON FP32 paths as they were in round 3 (single-pass scanner, eight digits per step; Schubfach one float at a
/// time), kept only as the benchmarks' baseline for round 4.
/// Decode reads only the first input's data (less work than the real decoder: no shape,
/// budget or other fields), so the comparison with <see cref="V2JsonCodec.DecodeRequest(ReadOnlySpan{byte}, int)"/> is
/// conservative.
/// </summary>
internal static class Round3V2Codec
{
    /// <summary>The first input's FP32 data, <paramref name="count"/> elements: reader to the first number, then the round-3 scanner.</summary>
    public static float[] DecodeFirstInput(ReadOnlySpan<byte> json, int count)
    {
        var reader = new Utf8JsonReader(json);
        while (reader.Read() && !(reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("data"u8)))
        {
        }

        reader.Read();
        var result = new float[count];
        var seen = 0;
        var depth = 0;
        var readerBase = 0;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                depth++;
                continue;
            }

            if (reader.TokenType == JsonTokenType.EndArray)
            {
                if (depth-- == 0)
                {
                    break;
                }

                continue;
            }

            if (!Round3Utf8FloatParser.TryParse(reader.ValueSpan, out result[seen]))
            {
                result[seen] = reader.GetSingle();
            }

            seen++;
            if (seen < result.Length)
            {
                var pos = readerBase + (int)reader.BytesConsumed;
                var taken = Round3Utf8FloatArrayScanner.Scan(json, ref pos, result.AsSpan(seen));
                if (taken > 0)
                {
                    reader = new Utf8JsonReader(json[pos..], isFinalBlock: true, reader.CurrentState);
                    readerBase = pos;
                    seen += taken;
                }
            }
        }

        return seen == count ? result : throw new InvalidOperationException($"{seen} elements, not {count}");
    }

    /// <summary>A V2 response with FP32 outputs, each data array formatted by the round-3 formatter into a pooled buffer.</summary>
    public static void EncodeResponse(InferTensorResponse response, IBufferWriter<byte> output)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true });
        w.WriteStartObject();
        w.WriteString("model_name"u8, response.ModelName);
        if (response.ModelVersion is not null)
        {
            w.WriteString("model_version"u8, response.ModelVersion);
        }

        w.WriteStartArray("outputs"u8);
        foreach (var t in response.Outputs)
        {
            w.WriteStartObject();
            w.WriteString("name"u8, t.Name);
            w.WriteString("datatype"u8, t.Datatype);
            w.WriteStartArray("shape"u8);
            foreach (var d in t.Shape)
            {
                w.WriteNumberValue(d);
            }

            w.WriteEndArray();
            w.WritePropertyName("data"u8);
            WriteFloats(w, (float[])t.Data);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteFloats(Utf8JsonWriter w, ReadOnlySpan<float> values)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(2 + (values.Length * (Round3Utf8FloatFormatter.MaxLength + 1)) + Round3Utf8FloatFormatter.ScratchLength);
        try
        {
            ref var start = ref MemoryMarshal.GetArrayDataReference(buffer);
            start = (byte)'[';
            var pos = 1;
            foreach (var v in values)
            {
                if (float.IsFinite(v))
                {
                    pos += Round3Utf8FloatFormatter.FormatUnchecked(v, ref Unsafe.Add(ref start, pos));
                }
                else
                {
                    "null"u8.CopyTo(buffer.AsSpan(pos));
                    pos += 4;
                }

                Unsafe.Add(ref start, pos++) = (byte)',';
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
}

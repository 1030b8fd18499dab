using System.Buffers;
using System.Text.Json;
using LiftWing.Core.Errors;

namespace LiftWing.Core.Tensors;

/// <summary>
/// Decodes and encodes Open Inference Protocol (V2) REST JSON. Every malformed request is an
/// <see cref="InvalidInputException"/> naming the field, never a 500.
/// </summary>
public static class V2JsonCodec
{
    /// <summary>The most tensor elements one request may carry (all inputs together) unless the caller says otherwise.</summary>
    public const long DefaultMaxElements = 1024 * 1024;

    /// <summary>The most dimensions a tensor shape may have.</summary>
    public const int MaxRank = 32;

    /// <summary>Decodes a V2 infer request body with the default element limit.</summary>
    public static InferTensorRequest DecodeRequest(JsonElement root) => DecodeRequest(root, DefaultMaxElements);

    /// <summary>
    /// Decodes a V2 infer request body. More than <paramref name="maxElements"/> elements in all inputs together is a
    /// 400 before any data is read, so one request cannot buy seconds of decoding and inference.
    /// </summary>
    public static InferTensorRequest DecodeRequest(JsonElement root, long maxElements)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidInputException("Expected a JSON object with an 'inputs' array.");
        }

        if (!root.TryGetProperty("inputs", out var inputs) || inputs.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidInputException("'inputs' is required and must be an array.");
        }

        string? id = null;
        if (root.TryGetProperty("id", out var idEl))
        {
            id = idEl.ValueKind == JsonValueKind.String ? idEl.GetString()
                : throw new InvalidInputException("'id' must be a string.");
        }

        var tensors = new List<TensorData>(Math.Min(inputs.GetArrayLength(), 64));
        var budget = maxElements;
        foreach (var input in inputs.EnumerateArray())
        {
            var tensor = DecodeTensor(input, budget);
            budget -= tensor.Data.Length;
            tensors.Add(tensor);
        }

        List<string>? outputs = null;
        if (root.TryGetProperty("outputs", out var outs) && outs.ValueKind != JsonValueKind.Null)
        {
            if (outs.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidInputException("'outputs' must be an array.");
            }

            outputs = [];
            foreach (var o in outs.EnumerateArray())
            {
                if (o.ValueKind != JsonValueKind.Object || !o.TryGetProperty("name", out var n) || n.ValueKind != JsonValueKind.String)
                {
                    throw new InvalidInputException("Each entry of 'outputs' must be an object with a string 'name'.");
                }

                outputs.Add(n.GetString()!);
            }
        }

        return new InferTensorRequest
        {
            Id = id,
            Parameters = DecodeParameters(root, "parameters"),
            Inputs = tensors,
            Outputs = outputs,
        };
    }

    private static TensorData DecodeTensor(JsonElement input, long maxElements)
    {
        if (input.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidInputException("Each input must be an object with name, shape, datatype and data.");
        }

        var name = input.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String
            ? n.GetString()! : throw new InvalidInputException("Each input needs a string 'name'.");
        var datatype = input.TryGetProperty("datatype", out var dt) && dt.ValueKind == JsonValueKind.String
            ? dt.GetString()! : throw new InvalidInputException($"Input '{name}' needs a string 'datatype'.");
        var elementType = Datatypes.ElementType(datatype);
        if (!input.TryGetProperty("shape", out var shapeEl) || shapeEl.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidInputException($"Input '{name}' needs a 'shape' array.");
        }

        if (shapeEl.GetArrayLength() > MaxRank)
        {
            throw new InvalidInputException($"Input '{name}': shape has {shapeEl.GetArrayLength()} dimensions; at most {MaxRank} are allowed.");
        }

        var shape = new long[shapeEl.GetArrayLength()];
        var i = 0;
        long count = 1;
        foreach (var d in shapeEl.EnumerateArray())
        {
            if (d.ValueKind != JsonValueKind.Number || !d.TryGetInt64(out var dim) || dim < 0)
            {
                throw new InvalidInputException($"Input '{name}': shape entries must be non-negative integers.");
            }

            shape[i++] = dim;
            if (dim != 0 && count > long.MaxValue / dim)
            {
                throw new InvalidInputException($"Input '{name}': shape [{string.Join(",", shapeEl.EnumerateArray().Select(e => e.GetRawText()))}] has more elements than can be counted.");
            }

            count *= dim;
        }

        if (count > maxElements)
        {
            throw new InvalidInputException($"Input '{name}': shape [{string.Join(",", shape)}] has {count} elements; a request may carry at most {maxElements} in all.");
        }

        if (!input.TryGetProperty("data", out var dataEl) || dataEl.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidInputException($"Input '{name}' needs a 'data' array.");
        }

        var flat = new List<JsonElement>((int)Math.Min(count, 1 << 16));
        Flatten(dataEl, flat, name, 0, count);
        if (flat.Count != count)
        {
            throw new InvalidInputException(
                $"Input '{name}': shape [{string.Join(",", shape)}] needs {count} elements but data has {flat.Count}.");
        }

        var data = Array.CreateInstance(elementType, flat.Count);
        for (var k = 0; k < flat.Count; k++)
        {
            data.SetValue(ReadElement(flat[k], datatype, name), k);
        }

        return new TensorData(name, datatype, shape, data, DecodeParameters(input, "parameters"));
    }

    private static void Flatten(JsonElement el, List<JsonElement> into, string name, int depth, long expected)
    {
        if (into.Count > expected)
        {
            throw new InvalidInputException($"Input '{name}': data has more elements than its shape's {expected}.");
        }

        if (depth > 32)
        {
            throw new InvalidInputException($"Input '{name}': data is nested too deeply.");
        }

        foreach (var item in el.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Array)
            {
                Flatten(item, into, name, depth + 1, expected);
            }
            else
            {
                into.Add(item);
            }
        }
    }

    private static object ReadElement(JsonElement e, string datatype, string name)
    {
        try
        {
            return datatype switch
            {
                "BOOL" => e.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => throw new FormatException(),
                },
                "BYTES" => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new FormatException(),
                "INT8" => e.GetSByte(),
                "INT16" => e.GetInt16(),
                "INT32" => e.GetInt32(),
                "INT64" => e.GetInt64(),
                "UINT8" => e.GetByte(),
                "UINT16" => e.GetUInt16(),
                "UINT32" => e.GetUInt32(),
                "UINT64" => e.GetUInt64(),
                "FP32" => (float)e.GetDouble(),
                "FP64" => e.GetDouble(),
                _ => throw new FormatException(),
            };
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException)
        {
            throw new InvalidInputException($"Input '{name}': value {e.GetRawText()} is not a valid {datatype}.");
        }
    }

    private static Dictionary<string, object?>? DecodeParameters(JsonElement obj, string property)
    {
        if (!obj.TryGetProperty(property, out var p) || p.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (p.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidInputException($"'{property}' must be an object.");
        }

        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var prop in p.EnumerateObject())
        {
            result[prop.Name] = prop.Value.ValueKind switch
            {
                JsonValueKind.String => prop.Value.GetString(),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.Number => prop.Value.TryGetInt64(out var l) ? (object)l : prop.Value.GetDouble(),
                JsonValueKind.Null => null,
                _ => prop.Value.Clone(),
            };
        }

        return result;
    }

    /// <summary>Encodes a V2 infer response as UTF-8 JSON.</summary>
    public static byte[] EncodeResponse(InferTensorResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("model_name", response.ModelName);
            if (response.ModelVersion is not null)
            {
                w.WriteString("model_version", response.ModelVersion);
            }

            if (response.Id is not null)
            {
                w.WriteString("id", response.Id);
            }

            if (response.Parameters is { Count: > 0 })
            {
                w.WritePropertyName("parameters");
                JsonSerializer.Serialize(w, response.Parameters);
            }

            w.WriteStartArray("outputs");
            foreach (var t in response.Outputs)
            {
                WriteTensor(w, t);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes one tensor object.</summary>
    public static void WriteTensor(Utf8JsonWriter w, TensorData t)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(t);
        w.WriteStartObject();
        w.WriteString("name", t.Name);
        w.WriteString("datatype", t.Datatype);
        w.WriteStartArray("shape");
        foreach (var d in t.Shape)
        {
            w.WriteNumberValue(d);
        }

        w.WriteEndArray();
        w.WriteStartArray("data");
        switch (t.Data)
        {
            case float[] f:
                foreach (var v in f)
                {
                    if (float.IsFinite(v)) { w.WriteNumberValue(v); } else { w.WriteNullValue(); }
                }

                break;
            case double[] d:
                foreach (var v in d)
                {
                    if (double.IsFinite(v)) { w.WriteNumberValue(v); } else { w.WriteNullValue(); }
                }

                break;
            case long[] l:
                foreach (var v in l) { w.WriteNumberValue(v); }
                break;
            case int[] i32:
                foreach (var v in i32) { w.WriteNumberValue(v); }
                break;
            case bool[] b:
                foreach (var v in b) { w.WriteBooleanValue(v); }
                break;
            case string[] s:
                foreach (var v in s) { w.WriteStringValue(v); }
                break;
            default:
                foreach (var v in t.Data)
                {
                    w.WriteNumberValue(Convert.ToDecimal(v, System.Globalization.CultureInfo.InvariantCulture));
                }

                break;
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}

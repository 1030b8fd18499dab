using System.Text.Json;
using LiftWing.Core.Errors;

namespace LiftWing.Core.Tensors;

/// <summary>
/// Decodes a V2 infer request with <see cref="Utf8JsonReader"/> straight into typed arrays: no DOM and no boxed
/// elements. Inputs whose <c>binary_data_size</c> parameter is set take their bytes from the binary section
/// (the binary tensor extension), in input order.
/// </summary>
internal static class V2RequestReader
{
    public static InferTensorRequest Read(ReadOnlySpan<byte> json, ReadOnlySpan<byte> binary, int maxDepth, TensorElementBudget budget)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = maxDepth });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new InvalidInputException("Expected a JSON object with an 'inputs' array.");
        }

        string? id = null;
        Dictionary<string, object?>? parameters = null;
        List<TensorData>? inputs = null;
        List<string>? outputs = null;
        Dictionary<string, IReadOnlyDictionary<string, object?>>? outputParameters = null;
        var binaryOffset = 0;
        var readerBase = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("inputs"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    throw new InvalidInputException("'inputs' is required and must be an array.");
                }

                inputs = [];
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    inputs.Add(ReadTensor(ref reader, json, ref readerBase, binary, ref binaryOffset, budget));
                }
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                id = reader.TokenType == JsonTokenType.String ? reader.GetString()
                    : throw new InvalidInputException("'id' must be a string.");
            }
            else if (reader.ValueTextEquals("parameters"u8))
            {
                parameters = V2JsonParameters.Read(ref reader, "parameters");
            }
            else if (reader.ValueTextEquals("outputs"u8))
            {
                (outputs, outputParameters) = ReadOutputs(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (inputs is null)
        {
            throw new InvalidInputException("'inputs' is required and must be an array.");
        }

        if (binaryOffset != binary.Length)
        {
            throw new InvalidInputException($"The binary section has {binary.Length} bytes but the inputs' binary_data_size add up to {binaryOffset}.");
        }

        return new InferTensorRequest
        {
            Id = id,
            Parameters = parameters,
            Inputs = inputs,
            Outputs = outputs,
            OutputParameters = outputParameters,
        };
    }

    private static (List<string>?, Dictionary<string, IReadOnlyDictionary<string, object?>>?) ReadOutputs(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return (null, null);
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new InvalidInputException("'outputs' must be an array.");
        }

        List<string> names = [];
        Dictionary<string, IReadOnlyDictionary<string, object?>>? byName = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new InvalidInputException("Each entry of 'outputs' must be an object with a string 'name'.");
            }

            string? name = null;
            Dictionary<string, object?>? p = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("name"u8))
                {
                    reader.Read();
                    name = reader.TokenType == JsonTokenType.String ? reader.GetString()
                        : throw new InvalidInputException("Each entry of 'outputs' must be an object with a string 'name'.");
                }
                else if (reader.ValueTextEquals("parameters"u8))
                {
                    p = V2JsonParameters.Read(ref reader, "parameters");
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (name is null)
            {
                throw new InvalidInputException("Each entry of 'outputs' must be an object with a string 'name'.");
            }

            names.Add(name);
            if (p is not null)
            {
                (byName ??= new(StringComparer.Ordinal))[name] = p;
            }
        }

        return (names, byName);
    }

    /// <summary>Reads one input object; <paramref name="readerBase"/> is where the reader starts in <paramref name="json"/> (see <see cref="V2JsonTensorData.Read"/>).</summary>
    private static TensorData ReadTensor(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, ref int readerBase, ReadOnlySpan<byte> binary, ref int binaryOffset, TensorElementBudget budget)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new InvalidInputException("Each input must be an object with name, shape, datatype and data.");
        }

        string? name = null, datatype = null;
        long[]? shape = null;
        bool badName = false, badDatatype = false, badShape = false, hasData = false;
        Array? data = null;
        Utf8JsonReader deferred = default;
        var deferredBase = 0;
        var isDeferred = false;
        Dictionary<string, object?>? parameters = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                badName = reader.TokenType != JsonTokenType.String;
                name = badName ? null : reader.GetString();
                reader.Skip();
            }
            else if (reader.ValueTextEquals("datatype"u8))
            {
                reader.Read();
                badDatatype = reader.TokenType != JsonTokenType.String;
                datatype = badDatatype ? null : reader.GetString();
                reader.Skip();
            }
            else if (reader.ValueTextEquals("shape"u8))
            {
                reader.Read();
                shape = ReadShape(ref reader, out badShape);
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                hasData = reader.TokenType == JsonTokenType.StartArray;
                if (hasData && datatype is not null && shape is not null && name is not null)
                {
                    // The usual order (shape and datatype first): decode in this pass.
                    _ = Datatypes.ElementType(datatype);
                    data = V2JsonTensorData.Read(ref reader, json, ref readerBase, name, datatype, shape, budget);
                }
                else
                {
                    // Data before its datatype or shape: come back to it once the object is read.
                    deferred = reader;
                    deferredBase = readerBase;
                    isDeferred = hasData;
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("parameters"u8))
            {
                parameters = V2JsonParameters.Read(ref reader, "parameters");
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (name is null || badName)
        {
            throw new InvalidInputException("Each input needs a string 'name'.");
        }

        if (datatype is null || badDatatype)
        {
            throw new InvalidInputException($"Input '{name}' needs a string 'datatype'.");
        }

        _ = Datatypes.ElementType(datatype);
        if (badShape)
        {
            throw new InvalidInputException($"Input '{name}': shape entries must be non-negative integers.");
        }

        if (shape is null)
        {
            throw new InvalidInputException($"Input '{name}' needs a 'shape' array.");
        }

        if (parameters is not null && parameters.TryGetValue("binary_data_size", out var size) && !hasData)
        {
            data = ReadBinary(name, datatype, shape, size, binary, ref binaryOffset, budget);
        }
        else if (isDeferred)
        {
            data = V2JsonTensorData.Read(ref deferred, json, ref deferredBase, name, datatype, shape, budget);
        }
        else if (data is null)
        {
            throw new InvalidInputException($"Input '{name}' needs a 'data' array.");
        }

        return new TensorData(name, datatype, shape, data, parameters);
    }

    private static Array ReadBinary(string name, string datatype, long[] shape, object? size, ReadOnlySpan<byte> binary, ref int offset, TensorElementBudget budget)
    {
        if (size is not long n || n < 0)
        {
            throw new InvalidInputException($"Input '{name}': binary_data_size must be a non-negative integer.");
        }

        if (n > binary.Length - offset)
        {
            throw new InvalidInputException($"Input '{name}': binary_data_size {n} is more than the {binary.Length - offset} bytes left in the body.");
        }

        var data = RawTensorCodec.Decode(name, datatype, shape, binary.Slice(offset, (int)n), budget);
        offset += (int)n;
        return data;
    }

    private static long[]? ReadShape(ref Utf8JsonReader reader, out bool bad)
    {
        bad = false;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return null;
        }

        var dims = new List<long>(4);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var dim) || dim < 0)
            {
                bad = true;
                reader.Skip();
                continue;
            }

            dims.Add(dim);
        }

        return [.. dims];
    }
}

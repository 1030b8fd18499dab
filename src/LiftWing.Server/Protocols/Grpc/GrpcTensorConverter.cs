using System.Text;
using Google.Protobuf;
using Google.Protobuf.Collections;
using Inference;
using LiftWing.Core.Errors;
using LiftWing.Core.Tensors;

namespace LiftWing.Server.Protocols.Grpc;

/// <summary>
/// Converts between KServe's gRPC tensors and <see cref="TensorData"/>, with KServe's validation: raw contents
/// are all-or-nothing and one per input; <c>contents</c> must use the field of the datatype; FP16 and BF16 are raw only.
/// </summary>
internal static class GrpcTensorConverter
{
    public static InferTensorRequest ToRequest(ModelInferRequest request, long maxElements)
    {
        var raw = request.RawInputContents;
        if (raw.Count > 0)
        {
            if (raw.Count != request.Inputs.Count)
            {
                throw new InvalidInputException(
                    $"the number of inputs ({request.Inputs.Count}) does not match the expected number of raw input contents ({raw.Count}) for model '{request.ModelName}'.");
            }

            foreach (var input in request.Inputs)
            {
                if (input.Contents is not null && HasContents(input.Contents))
                {
                    throw new InvalidInputException(
                        $"contents field must not be specified when using raw_input_contents for '{input.Name}' for model '{request.ModelName}'.");
                }
            }
        }

        var budget = new TensorElementBudget(maxElements);
        var inputs = new List<TensorData>(request.Inputs.Count);
        for (var i = 0; i < request.Inputs.Count; i++)
        {
            var input = request.Inputs[i];
            var shape = input.Shape.ToArray();
            _ = Datatypes.ElementType(input.Datatype);
            var data = raw.Count > 0
                ? RawTensorCodec.Decode(input.Name, input.Datatype, shape, raw[i].Span, budget)
                : FromContents(input.Name, input.Datatype, shape, input.Contents, budget);
            inputs.Add(new TensorData(input.Name, input.Datatype, shape, data, ToParameters(input.Parameters)));
        }

        return new InferTensorRequest
        {
            Id = request.Id,
            Parameters = ToParameters(request.Parameters),
            Inputs = inputs,
            Outputs = request.Outputs.Count == 0 ? null : request.Outputs.Select(o => o.Name).ToList(),
        };
    }

    public static ModelInferResponse ToResponse(InferTensorResponse response, bool raw)
    {
        var result = new ModelInferResponse
        {
            ModelName = response.ModelName,
            ModelVersion = response.ModelVersion ?? "",
            Id = response.Id ?? "",
        };
        AddParameters(result.Parameters, response.Parameters);
        foreach (var t in response.Outputs)
        {
            var output = new ModelInferResponse.Types.InferOutputTensor { Name = t.Name, Datatype = t.Datatype };
            output.Shape.AddRange(t.Shape);
            AddParameters(output.Parameters, t.Parameters);
            if (raw || t.Datatype is "FP16" or "BF16")
            {
                result.RawOutputContents.Add(ToRaw(t));
            }
            else
            {
                output.Contents = ToContents(t);
            }

            result.Outputs.Add(output);
        }

        return result;
    }

    private static ByteString ToRaw(TensorData t)
    {
        if (t.Data is not string[])
        {
            return ByteString.CopyFrom(RawTensorCodec.AsBytes(t.Data));
        }

        using var buffer = new PooledBufferWriter(RawTensorCodec.EncodedLength(t));
        RawTensorCodec.Encode(t, buffer);
        return ByteString.CopyFrom(buffer.WrittenSpan);
    }

    private static bool HasContents(InferTensorContents c) =>
        c.BoolContents.Count + c.IntContents.Count + c.Int64Contents.Count + c.UintContents.Count + c.Uint64Contents.Count +
        c.Fp32Contents.Count + c.Fp64Contents.Count + c.BytesContents.Count > 0;

    private static Array FromContents(string name, string datatype, long[] shape, InferTensorContents? contents, TensorElementBudget budget)
    {
        var count = budget.Take(name, shape);
        contents ??= new InferTensorContents();
        Array data = datatype switch
        {
            "BOOL" => contents.BoolContents.ToArray(),
            "INT8" => Narrow(name, datatype, contents.IntContents, static v => checked((sbyte)v)),
            "INT16" => Narrow(name, datatype, contents.IntContents, static v => checked((short)v)),
            "INT32" => contents.IntContents.ToArray(),
            "INT64" => contents.Int64Contents.ToArray(),
            "UINT8" => Narrow(name, datatype, contents.UintContents, static v => checked((byte)v)),
            "UINT16" => Narrow(name, datatype, contents.UintContents, static v => checked((ushort)v)),
            "UINT32" => contents.UintContents.ToArray(),
            "UINT64" => contents.Uint64Contents.ToArray(),
            "FP32" => contents.Fp32Contents.ToArray(),
            "FP64" => contents.Fp64Contents.ToArray(),
            "BYTES" => contents.BytesContents.Select(b => b.ToStringUtf8()).ToArray(),
            _ => throw new InvalidInputException($"Input '{name}': {datatype} can only be sent in raw_input_contents."),
        };
        if (data.Length != count)
        {
            // Empty typed field with data elsewhere: the client used the wrong contents field for the datatype.
            throw new InvalidInputException(data.Length == 0 && HasContents(contents)
                ? $"Input '{name}': contents for {datatype} must be in {FieldOf(datatype)}."
                : $"Input '{name}': shape [{string.Join(",", shape)}] needs {count} elements but contents has {data.Length}.");
        }

        return data;
    }

    private static string FieldOf(string datatype) => datatype switch
    {
        "BOOL" => "bool_contents",
        "INT8" or "INT16" or "INT32" => "int_contents",
        "INT64" => "int64_contents",
        "UINT8" or "UINT16" or "UINT32" => "uint_contents",
        "UINT64" => "uint64_contents",
        "FP32" => "fp32_contents",
        "FP64" => "fp64_contents",
        _ => "bytes_contents",
    };

    private static T[] Narrow<TIn, T>(string name, string datatype, RepeatedField<TIn> values, Func<TIn, T> narrow)
    {
        var result = new T[values.Count];
        for (var i = 0; i < result.Length; i++)
        {
            try
            {
                result[i] = narrow(values[i]);
            }
            catch (OverflowException)
            {
                throw new InvalidInputException($"Input '{name}': value {values[i]} is not a valid {datatype}.");
            }
        }

        return result;
    }

    private static InferTensorContents ToContents(TensorData t)
    {
        var c = new InferTensorContents();
        switch (t.Datatype)
        {
            case "BOOL": c.BoolContents.AddRange((bool[])t.Data); break;
            case "INT8": c.IntContents.AddRange(((sbyte[])t.Data).Select(static v => (int)v)); break;
            case "INT16": c.IntContents.AddRange(((short[])t.Data).Select(static v => (int)v)); break;
            case "INT32": c.IntContents.AddRange((int[])t.Data); break;
            case "INT64": c.Int64Contents.AddRange((long[])t.Data); break;
            case "UINT8": c.UintContents.AddRange(((byte[])t.Data).Select(static v => (uint)v)); break;
            case "UINT16": c.UintContents.AddRange(((ushort[])t.Data).Select(static v => (uint)v)); break;
            case "UINT32": c.UintContents.AddRange((uint[])t.Data); break;
            case "UINT64": c.Uint64Contents.AddRange((ulong[])t.Data); break;
            case "FP32": c.Fp32Contents.AddRange((float[])t.Data); break;
            case "FP64": c.Fp64Contents.AddRange((double[])t.Data); break;
            case "BYTES": c.BytesContents.AddRange(((string[])t.Data).Select(ByteString.CopyFromUtf8)); break;
            default: throw new InferenceException($"Output '{t.Name}' has datatype {t.Datatype}, which has no contents field.");
        }

        return c;
    }

    public static Dictionary<string, object?>? ToParameters(MapField<string, InferParameter> parameters)
    {
        if (parameters.Count == 0)
        {
            return null;
        }

        var result = new Dictionary<string, object?>(parameters.Count, StringComparer.Ordinal);
        foreach (var (key, p) in parameters)
        {
            result[key] = p.ParameterChoiceCase switch
            {
                InferParameter.ParameterChoiceOneofCase.BoolParam => p.BoolParam,
                InferParameter.ParameterChoiceOneofCase.Int64Param => p.Int64Param,
                InferParameter.ParameterChoiceOneofCase.StringParam => p.StringParam,
                _ => null,
            };
        }

        return result;
    }

    private static void AddParameters(MapField<string, InferParameter> into, IReadOnlyDictionary<string, object?>? parameters)
    {
        if (parameters is null)
        {
            return;
        }

        foreach (var (key, value) in parameters)
        {
            into[key] = value switch
            {
                bool b => new InferParameter { BoolParam = b },
                long l => new InferParameter { Int64Param = l },
                int i => new InferParameter { Int64Param = i },
                string s => new InferParameter { StringParam = s },
                null => new InferParameter(),
                _ => new InferParameter { StringParam = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "" },
            };
        }
    }

    /// <summary>The UTF-8 bytes of the single BYTES element a V1-style request carries (contents or raw).</summary>
    public static ReadOnlyMemory<byte> SingleBytesElement(ModelInferRequest request, string modelName)
    {
        if (request.Inputs.Count != 1 || request.Inputs[0].Datatype != "BYTES")
        {
            throw new InvalidInputException(
                $"Model {modelName} takes a JSON request: send one BYTES input of shape [1] holding the V1 JSON body.");
        }

        var input = request.Inputs[0];
        if (request.RawInputContents.Count > 0)
        {
            var strings = (string[])RawTensorCodec.Decode(input.Name, "BYTES", input.Shape.ToArray(), request.RawInputContents[0].Span);
            return strings.Length == 1 ? Encoding.UTF8.GetBytes(strings[0])
                : throw new InvalidInputException($"Input '{input.Name}': expected one BYTES element holding the V1 JSON body, got {strings.Length}.");
        }

        return input.Contents?.BytesContents is { Count: 1 } b
            ? b[0].Memory
            : throw new InvalidInputException($"Input '{input.Name}': expected one bytes_contents element holding the V1 JSON body.");
    }
}

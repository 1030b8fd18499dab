using System.Runtime.InteropServices;
using System.Text.Json;
using LiftWing.Core.Errors;
using LiftWing.Core.Models;

namespace LiftWing.Core.Tensors;

/// <summary>
/// KServe's V1 protocol for single-input tensor models: <c>{"instances": [[...], ...]}</c> becomes one tensor of
/// shape [instances, ...] (the row shape read from the first instance); the answer is
/// <c>{"predictions": [...]}</c> holding the first output, nested by its shape.
/// </summary>
public static class V1TensorCodec
{
    /// <summary>Decodes <c>instances</c> into a request for the model's single input.</summary>
    public static InferTensorRequest DecodeInstances(JsonElement body, TensorSpec input, string modelName)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("instances", out var instances) || instances.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidInputException($"Model {modelName} takes V1 requests as {{\"instances\": [...]}} or V2 infer requests.");
        }

        var shape = new List<long>(4);
        for (var e = instances; e.ValueKind == JsonValueKind.Array; e = e.GetArrayLength() > 0 ? e[0] : default)
        {
            shape.Add(e.GetArrayLength());
            if (shape.Count > V2JsonCodec.MaxRank)
            {
                throw new InvalidInputException("'instances' is nested too deeply.");
            }
        }

        var raw = JsonMarshal.GetRawUtf8Value(instances);
        var reader = new Utf8JsonReader(raw);
        reader.Read();
        var readerBase = 0;
        var data = V2JsonTensorData.Read(ref reader, raw, ref readerBase, input.Name, input.Datatype, [.. shape], TensorElementBudget.Default());
        return new InferTensorRequest { Inputs = [new TensorData(input.Name, input.Datatype, [.. shape], data)] };
    }

    /// <summary>Encodes <c>{"predictions": ...}</c> from the first output, nested by its shape.</summary>
    public static byte[] EncodePredictions(InferTensorResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var output = response.Outputs.Count > 0 ? response.Outputs[0] : throw new InferenceException($"Model {response.ModelName} returned no output.");
        using var buffer = new PooledBufferWriter(16 * 1024);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            w.WriteStartObject();
            w.WritePropertyName("predictions"u8);
            V2JsonTensorWriter.WriteNested(w, output);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}

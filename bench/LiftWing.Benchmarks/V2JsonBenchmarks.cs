using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using LiftWing.Core.Tensors;

namespace LiftWing.Benchmarks;

/// <summary>V2 JSON tensor decode and encode (typed, no boxing): a small request ([1,4]) and an embedding-sized one ([32,384]).</summary>
[MemoryDiagnoser]
public class V2JsonBenchmarks
{
    private byte[] _request = null!;
    private byte[] _doubleTextRequest = null!;
    private InferTensorResponse _response = null!;

    [Params(4, 32 * 384)]
    public int Elements { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        var data = Enumerable.Range(0, Elements).Select(_ => (float)rng.NextDouble()).ToArray();
        var rows = Elements == 4 ? 1 : 32;
        _request = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            id = "bench",
            inputs = new[] { new { name = "input", datatype = "FP32", shape = new[] { rows, Elements / rows }, data } },
        }));
        // What a Python client sends for float32 data (tolist() widens to double): up to 17 significant digits each.
        _doubleTextRequest = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            id = "bench",
            inputs = new[] { new { name = "input", datatype = "FP32", shape = new[] { rows, Elements / rows }, data = data.Select(f => (double)f).ToArray() } },
        }));
        _response = new InferTensorResponse
        {
            ModelName = "m",
            ModelVersion = "1",
            Outputs = [new TensorData("output", "FP32", [rows, Elements / rows], data)],
        };
    }

    private readonly PooledBufferWriter _buffer = new(256 * 1024);

    /// <summary>The previous decoder (JsonDocument, boxed elements): the baseline of the ratio.</summary>
    [Benchmark(Baseline = true)]
    public int DecodeBoxingBaseline() => BoxingV2Decoder.DecodeFirstInput(_request).Length;

    /// <summary>The round-3 scanner (eight digits per step), reading only the data array: the "before" of round 4.</summary>
    [Benchmark]
    public int DecodeRound3Scanner() => Round3V2Codec.DecodeFirstInput(_request, Elements).Length;

    /// <summary>The same with 17-digit doubles.</summary>
    [Benchmark]
    public int DecodeDoubleTextRound3Scanner() => Round3V2Codec.DecodeFirstInput(_doubleTextRequest, Elements).Length;

    /// <summary>Request bytes straight into a typed float[] (what the REST endpoint does).</summary>
    [Benchmark]
    public int Decode() => V2JsonCodec.DecodeRequest(_request).Inputs[0].Data.Length;

    /// <summary>The same tensor written as doubles (17 digits), as Python clients send float32 data.</summary>
    [Benchmark]
    public int DecodeDoubleText() => V2JsonCodec.DecodeRequest(_doubleTextRequest).Inputs[0].Data.Length;

    /// <summary>The previous encoder's data loop: one <see cref="Utf8JsonWriter.WriteNumberValue(float)"/> per element.</summary>
    [Benchmark]
    public int EncodePerElementWriter()
    {
        _buffer.Reset();
        using (var w = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            w.WriteStartArray();
            foreach (var v in (float[])_response.Outputs[0].Data)
            {
                w.WriteNumberValue(v);
            }

            w.WriteEndArray();
        }

        return _buffer.WrittenCount;
    }

    /// <summary>The round-3 formatter (Schubfach one float at a time), into a pooled buffer: the "before" of round 4.</summary>
    [Benchmark]
    public int EncodeRound3Formatter()
    {
        _buffer.Reset();
        Round3V2Codec.EncodeResponse(_response, _buffer);
        return _buffer.WrittenCount;
    }

    /// <summary>Typed spans into a pooled buffer (what the REST endpoint does).</summary>
    [Benchmark]
    public int Encode()
    {
        _buffer.Reset();
        V2JsonCodec.EncodeResponse(_response, _buffer);
        return _buffer.WrittenCount;
    }

    /// <summary>The same, copied out to a new byte[] (the CLI's path).</summary>
    [Benchmark]
    public int EncodeToArray() => V2JsonCodec.EncodeResponse(_response).Length;
}

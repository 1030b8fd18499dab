using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using LiftWing.Core.Tensors;

namespace LiftWing.Benchmarks;

/// <summary>V2 JSON tensor decode and encode: a small request ([1,4]) and an embedding-sized one ([32,384]).</summary>
[MemoryDiagnoser]
public class V2JsonBenchmarks
{
    private byte[] _request = null!;
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
        _response = new InferTensorResponse
        {
            ModelName = "m",
            ModelVersion = "1",
            Outputs = [new TensorData("output", "FP32", [rows, Elements / rows], data)],
        };
    }

    [Benchmark]
    public int Decode()
    {
        using var doc = JsonDocument.Parse(_request);
        return V2JsonCodec.DecodeRequest(doc.RootElement).Inputs[0].Data.Length;
    }

    [Benchmark]
    public int Encode() => V2JsonCodec.EncodeResponse(_response).Length;
}

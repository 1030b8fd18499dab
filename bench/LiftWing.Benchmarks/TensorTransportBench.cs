using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Grpc.Net.Client;
using Inference;
using LiftWing.Runtimes.Onnx;
using LiftWing.Server;
using Microsoft.Extensions.DependencyInjection;

namespace LiftWing.Benchmarks;

/// <summary>
/// ModelInfer of one [32,384] FP32 tensor on the generic ONNX server (a 384→3 linear softmax generated here),
/// side by side in one run: gRPC with raw contents, REST V2 JSON, REST V2 binary tensors; requests per second and
/// median latency at 1 and 16 connections (closed loop, one request in flight per connection).
/// Run: <c>dotnet run -c Release --project bench/LiftWing.Benchmarks -- tensor-transport [seconds]</c>
/// </summary>
public static class TensorTransportBench
{
    private const int Rows = 32;
    private const int Width = 384;

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var dir = Directory.CreateTempSubdirectory("liftwing-transport").FullName;
        try
        {
            var modelDir = Path.Combine(dir, "wide-linear");
            Directory.CreateDirectory(modelDir);
            await File.WriteAllBytesAsync(Path.Combine(modelDir, "model.onnx"), BuildModel());
            await File.WriteAllTextAsync(Path.Combine(modelDir, "model.yaml"),
                "name: wide-linear\nserver: onnx\nversion: \"1\"\nartifacts:\n  - name: model\n    uri: file:model.onnx\ncache: { enabled: false }\noptions:\n  intra_op_threads: 1\n");
            var port = LoopbackBench.FreePort();
            var grpcPort = LoopbackBench.FreePort();
            var settings = new LiftWingHostSettings { ConsoleLogging = false, ConfigureServices = s => s.AddLiftWingModels() };
            settings.Configuration["LiftWing:Server:Port"] = port.ToString(CultureInfo.InvariantCulture);
            settings.Configuration["LiftWing:Grpc:Port"] = grpcPort.ToString(CultureInfo.InvariantCulture);
            settings.Configuration["LiftWing:Models:Directory"] = dir;
            await using var app = LiftWingHost.Build(settings);
            await app.StartAsync();

            var rng = new Random(7);
            var data = Enumerable.Range(0, Rows * Width).Select(_ => (float)rng.NextDouble()).ToArray();
            var rest = new Uri($"http://127.0.0.1:{port}/v2/models/wide-linear/infer");
            var json = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
            {
                inputs = new[] { new { name = "input", datatype = "FP32", shape = new[] { Rows, Width }, data } },
            }));
            var binaryHeader = Encoding.UTF8.GetBytes(
                $$$"""{"inputs":[{"name":"input","datatype":"FP32","shape":[{{{Rows}}},{{{Width}}}],"parameters":{"binary_data_size":{{{data.Length * 4}}}}}],"parameters":{"binary_data_output":true}}""");
            var raw = new byte[data.Length * 4];
            Buffer.BlockCopy(data, 0, raw, 0, raw.Length);
            byte[] binaryBody = [.. binaryHeader, .. raw];
            var grpcRequest = new ModelInferRequest { ModelName = "wide-linear" };
            grpcRequest.Inputs.Add(new ModelInferRequest.Types.InferInputTensor { Name = "input", Datatype = "FP32", Shape = { Rows, Width } });
            grpcRequest.RawInputContents.Add(ByteString.CopyFrom(raw));

            Console.WriteLine($"ModelInfer [{Rows},{Width}] FP32 on the generic ONNX server; {seconds} s per cell; load average {LoadAverage()}");
            Console.WriteLine($"request bytes: REST JSON {json.Length}, REST binary {binaryBody.Length}, gRPC raw {grpcRequest.CalculateSize()}");
            Console.WriteLine("| transport | connections | requests/s | median latency (ms) |");
            Console.WriteLine("|---|---:|---:|---:|");
            foreach (var connections in new[] { 1, 16 })
            {
                var results = new List<(string Name, double Rps)>();
                foreach (var (name, make) in new (string, Func<Func<Task>>)[]
                {
                    ("gRPC raw contents", () => GrpcCall(grpcPort, grpcRequest)),
                    ("REST V2 JSON", () => RestCall(rest, json, null)),
                    ("REST V2 binary", () => RestCall(rest, binaryBody, binaryHeader.Length)),
                })
                {
                    var (rps, median) = await MeasureAsync(make, connections, seconds);
                    results.Add((name, rps));
                    Console.WriteLine($"| {name} | {connections} | {rps:F0} | {median:F2} |");
                }

                Console.WriteLine($"ratio at {connections}: gRPC raw / REST JSON = {results[0].Rps / results[1].Rps:F2}, REST binary / REST JSON = {results[2].Rps / results[1].Rps:F2}");
            }

            await app.StopAsync();
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static Func<Task> GrpcCall(int port, ModelInferRequest request)
    {
        // One channel (one HTTP/2 connection) per worker.
        var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}", new GrpcChannelOptions { MaxReceiveMessageSize = 64 << 20 });
        var client = new GRPCInferenceService.GRPCInferenceServiceClient(channel);
        return async () =>
        {
            var r = await client.ModelInferAsync(request);
            if (r.RawOutputContents.Count != 2)
            {
                throw new InvalidOperationException("unexpected gRPC answer");
            }
        };
    }

    private static Func<Task> RestCall(Uri url, byte[] body, int? headerLength)
    {
        // One HttpClient with one connection per worker.
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 });
        return async () =>
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue(headerLength is null ? "application/json" : "application/octet-stream");
            if (headerLength is { } h)
            {
                content.Headers.Add("Inference-Header-Content-Length", h.ToString(CultureInfo.InvariantCulture));
            }

            using var response = await client.PostAsync(url, content);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            if (!response.IsSuccessStatusCode || bytes.Length == 0)
            {
                throw new InvalidOperationException($"REST answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(bytes)}");
            }
        };
    }

    private static async Task<(double Rps, double MedianMs)> MeasureAsync(Func<Func<Task>> make, int connections, double seconds)
    {
        var calls = Enumerable.Range(0, connections).Select(_ => make()).ToArray();
        foreach (var c in calls)
        {
            await c(); // connect and warm up
        }

        var warmUntil = Stopwatch.GetTimestamp() + (long)(Stopwatch.Frequency * Math.Min(1.0, seconds / 4));
        await Task.WhenAll(calls.Select(async c =>
        {
            while (Stopwatch.GetTimestamp() < warmUntil)
            {
                await c();
            }
        }));
        var latencies = new List<double>[connections];
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(Stopwatch.Frequency * seconds);
        await Task.WhenAll(calls.Select(async (c, i) =>
        {
            var mine = latencies[i] = [];
            while (Stopwatch.GetTimestamp() < end)
            {
                var t0 = Stopwatch.GetTimestamp();
                await c();
                mine.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }
        }));
        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return (all.Length / elapsed, all[all.Length / 2]);
    }

    private static byte[] BuildModel()
    {
        var rng = new Random(11);
        var w = Enumerable.Range(0, Width * 3).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
        return new OnnxGraphBuilder("wide-linear")
            .Initializer("W", [Width, 3], w)
            .Initializer("B", [3], [0f, 0f, 0f])
            .Node("MatMul", ["input", "W"], ["logits_raw"])
            .Node("Add", ["logits_raw", "B"], ["logits"])
            .Node("Softmax", ["logits"], ["probabilities"], ("axis", 1))
            .Node("ArgMax", ["logits"], ["label"], ("axis", 1), ("keepdims", 1))
            .Input("input", OnnxGraphBuilder.ElementFloat, null, Width)
            .Output("probabilities", OnnxGraphBuilder.ElementFloat, null, 3)
            .Output("label", OnnxGraphBuilder.ElementInt64, null, 1)
            .Build("liftwing bench tensor-transport");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}

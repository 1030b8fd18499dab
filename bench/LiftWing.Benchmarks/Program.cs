using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Running;

// Usage: dotnet run -c Release --project bench/LiftWing.Benchmarks -- --filter '*Langid*'
// Runs that are not BenchmarkDotNet's: `-- langid-compare [predictions]`, `-- langid-http URL [seconds]`.
if (args is ["langid-compare", ..])
{
    return LiftWing.Benchmarks.LangIdNativeComparison.Run(args);
}

if (args is ["langid-http", ..])
{
    return await LiftWing.Benchmarks.LangIdHttpLatency.RunAsync(args);
}

// `-- cache-http [seconds] [concurrency]`: cached V1 predict vs bare Kestrel over loopback (docs/performance.md ## cache).
if (args is ["cache-http", .. var rest])
{
    return await LiftWing.Benchmarks.CacheHttpBench.RunAsync(rest);
}

// `-- bare-peer PORT RESPONSE_FILE`: the bare Kestrel floor for bench/http/side-by-side.sh.
if (args is ["bare-peer", .. var peerArgs])
{
    return await LiftWing.Benchmarks.BarePeer.RunAsync(peerArgs);
}

// `-- tensor-transport [seconds]`: ModelInfer [32,384] over gRPC raw vs REST JSON vs REST binary (docs/performance.md).
if (args is ["tensor-transport", .. var tt])
{
    return await LiftWing.Benchmarks.TensorTransportBench.RunAsync(tt);
}

// `-- gateway-http [seconds] [concurrency] [rounds]`: langid throughput with the gateway's limits and JWT on and off (docs/performance.md ## gateway).
if (args is ["gateway-http", .. var gatewayArgs])
{
    return await LiftWing.Benchmarks.GatewayHttpBench.RunAsync(gatewayArgs);
}

// `-- ores-http [seconds] [upstream-ms]`: ORES /v3/scores from cache and with a slow fake upstream (docs/performance.md ## ORES).
if (args is ["ores-http", .. var oresArgs])
{
    return await LiftWing.Benchmarks.OresHttpBench.RunAsync(oresArgs);
}

// `-- slo-http [seconds] [concurrency] [rounds]`: langid throughput with the SLO edge recorder on and off (docs/slo.md).
if (args is ["slo-http", .. var sloArgs])
{
    return await LiftWing.Benchmarks.SloEdgeHttpBench.RunAsync(sloArgs);
}

// `-- events-throughput [events] [redis host:port]`: events/s through the outbox to a 201 EventGate (docs/performance.md ## events).
if (args is ["events-throughput", .. var eventArgs])
{
    return await LiftWing.Benchmarks.EventsThroughput.RunAsync(eventArgs);
}

// `-- v2json-cpu [iterations]`: V2 JSON codec [32,384] by CPU time per operation (docs/performance.md ## tensors).
if (args is ["v2json-cpu", .. var cpuArgs])
{
    return LiftWing.Benchmarks.V2JsonCpuTime.Run(cpuArgs);
}

// The median next to the mean: on a shared machine a few preempted iterations move the mean, not the median.
var config = DefaultConfig.Instance.AddDiagnoser(MemoryDiagnoser.Default).AddColumn(StatisticColumn.Median);
BenchmarkSwitcher.FromAssembly(typeof(LiftWing.Benchmarks.V2JsonBenchmarks).Assembly).Run(args, config);
return 0;

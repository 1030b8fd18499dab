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

// `-- events-throughput [events] [redis host:port]`: events/s through the outbox to a 201 EventGate (docs/performance.md ## events).
if (args is ["events-throughput", .. var eventArgs])
{
    return await LiftWing.Benchmarks.EventsThroughput.RunAsync(eventArgs);
}

var config = DefaultConfig.Instance.AddDiagnoser(MemoryDiagnoser.Default);
BenchmarkSwitcher.FromAssembly(typeof(LiftWing.Benchmarks.V2JsonBenchmarks).Assembly).Run(args, config);
return 0;

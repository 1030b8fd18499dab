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

// `-- slo-http [seconds] [concurrency] [rounds]`: langid throughput with the SLO edge recorder on and off (docs/slo.md).
if (args is ["slo-http", .. var sloArgs])
{
    return await LiftWing.Benchmarks.SloEdgeHttpBench.RunAsync(sloArgs);
}

var config = DefaultConfig.Instance.AddDiagnoser(MemoryDiagnoser.Default);
BenchmarkSwitcher.FromAssembly(typeof(LiftWing.Benchmarks.V2JsonBenchmarks).Assembly).Run(args, config);
return 0;

using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Running;

// Usage: dotnet run -c Release --project bench/LiftWing.Benchmarks -- --filter '*Langid*'
// `-- cache-http [seconds] [concurrency]`: cached V1 predict vs bare Kestrel over loopback (docs/performance.md ## cache).
if (args is ["cache-http", .. var rest])
{
    return await LiftWing.Benchmarks.CacheHttpBench.RunAsync(rest);
}

var config = DefaultConfig.Instance.AddDiagnoser(MemoryDiagnoser.Default);
BenchmarkSwitcher.FromAssembly(typeof(LiftWing.Benchmarks.CacheBenchmarks).Assembly).Run(args, config);
return 0;

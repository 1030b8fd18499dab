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

var config = DefaultConfig.Instance.AddDiagnoser(MemoryDiagnoser.Default);
BenchmarkSwitcher.FromAssembly(typeof(LiftWing.Benchmarks.V2JsonBenchmarks).Assembly).Run(args, config);
return 0;

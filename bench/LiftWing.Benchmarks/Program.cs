using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Running;

// Usage: dotnet run -c Release --project bench/LiftWing.Benchmarks -- --filter '*Langid*'
// Native comparisons that are not BenchmarkDotNet runs: `-- langid-compare [predictions]`.
if (args is ["langid-compare", ..])
{
    return LiftWing.Benchmarks.LangIdNativeComparison.Run(args);
}

var config = DefaultConfig.Instance.AddDiagnoser(MemoryDiagnoser.Default);
BenchmarkSwitcher.FromAssembly(System.Reflection.Assembly.GetExecutingAssembly()).Run(args, config);
return 0;

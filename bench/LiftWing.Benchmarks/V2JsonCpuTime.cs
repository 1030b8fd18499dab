using System.Diagnostics;

namespace LiftWing.Benchmarks;

/// <summary>
/// `-- v2json-cpu [iterations]`: the V2JsonBenchmarks methods for [32,384] FP32, timed by the process's CPU time per
/// operation instead of wall time. On a machine shared with other work, wall time mostly measures waiting for a
/// core; CPU time does not (it still includes cache and hyper-thread contention, so it is an upper bound of a quiet
/// machine's time). Methods alternate in rounds; the best round per method is reported.
/// </summary>
internal static class V2JsonCpuTime
{
    public static int Run(string[] args)
    {
        var iterations = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 200;
        var b = new V2JsonBenchmarks { Elements = 32 * 384 };
        b.Setup();
        (string Name, Func<int> Op)[] methods =
        [
            ("DecodeBoxingBaseline", b.DecodeBoxingBaseline),
            ("DecodeRound3Scanner", b.DecodeRound3Scanner),
            ("Decode", b.Decode),
            ("DecodeDoubleTextRound3Scanner", b.DecodeDoubleTextRound3Scanner),
            ("DecodeDoubleText", b.DecodeDoubleText),
            ("EncodePerElementWriter", b.EncodePerElementWriter),
            ("EncodeRound3Formatter", b.EncodeRound3Formatter),
            ("Encode", b.Encode),
            ("EncodeToArray", b.EncodeToArray),
        ];
        var best = methods.ToDictionary(m => m.Name, _ => double.MaxValue);
        var allocated = new Dictionary<string, long>();
        for (var round = 0; round < 5; round++)
        {
            foreach (var (name, op) in methods)
            {
                for (var i = 0; i < 10; i++)
                {
                    op();
                }

                var bytes = GC.GetAllocatedBytesForCurrentThread();
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                for (var i = 0; i < iterations; i++)
                {
                    op();
                }

                var perOp = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / iterations;
                allocated[name] = (GC.GetAllocatedBytesForCurrentThread() - bytes) / iterations;
                best[name] = Math.Min(best[name], perOp);
            }
        }

        Console.WriteLine($"V2 JSON [32,384] FP32, CPU time per operation (best of 5 rounds of {iterations}); load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        Console.WriteLine("| method | CPU µs/op | ratio to DecodeBoxingBaseline | allocated B/op |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (name, _) in methods)
        {
            Console.WriteLine($"| {name} | {best[name]:F0} | {best[name] / best["DecodeBoxingBaseline"]:F2} | {allocated[name]} |");
        }

        return 0;
    }
}

using System.Diagnostics;
using System.Globalization;
using LiftWing.Runtimes.FastText;

namespace LiftWing.Benchmarks;

/// <summary>
/// C# vs native fastText per prediction, same texts, same machine, one run:
/// <c>dotnet run -c Release --project bench/LiftWing.Benchmarks -- langid-compare [predictions]</c>.
/// Native = Debian's libfasttext in-process (native/fasttext_predict_bench.cpp, compiled here when g++ and
/// libfasttext-dev are installed), python3-fasttext's <c>model.predict</c> in a loop (LIFTWING_PYTHON picks the
/// interpreter that has Debian's module), and the <c>fasttext predict-prob</c> CLI on a file of N lines minus a
/// one-line run (so the model load is not counted; its per-line output flush is counted).
/// Each figure is the median of 5 repetitions.
/// </summary>
internal static class LangIdNativeComparison
{
    private const int Repetitions = 5;

    public static int Run(string[] args)
    {
        var n = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
        var modelPath = LangIdBenchData.ModelPath();
        var texts = LangIdBenchData.Texts();
        var lines = Enumerable.Range(0, n).Select(i => texts[i % texts.Count]).ToArray();
        var dir = Directory.CreateTempSubdirectory("liftwing-langid-bench-").FullName;
        try
        {
            var big = Path.Combine(dir, "texts.txt");
            var one = Path.Combine(dir, "one.txt");
            var textList = Path.Combine(dir, "distinct.txt");
            File.WriteAllLines(big, lines);
            File.WriteAllLines(one, lines.Take(1));
            File.WriteAllLines(textList, texts);

            var model = FastTextModel.Load(modelPath);
            var cppExe = BuildCpp(dir);
            var python = Environment.GetEnvironmentVariable("LIFTWING_PYTHON") is { Length: > 0 } py ? py : "python3";

            // Round-robin repetitions, so a busy machine slows every predictor alike.
            var samples = new Dictionary<string, List<double>>();
            for (var r = 0; r < Repetitions; r++)
            {
                Add(samples, "csharp", MeasureCSharp(model, lines));
                Add(samples, "cpp", cppExe is null ? null : RunDouble(cppExe, [modelPath, textList, n.ToString(CultureInfo.InvariantCulture)]));
                Add(samples, "python", RunDouble(python, ["-c", PythonScript, modelPath, textList, n.ToString(CultureInfo.InvariantCulture)]));
                Add(samples, "cli", (TimeCli(modelPath, big) - TimeCli(modelPath, one)) * 1e6 / (n - 1));
            }

            var csharp = Median(samples, "csharp")!.Value;
            var cpp = Median(samples, "cpp");
            var py2 = Median(samples, "python");
            var cli = Median(samples, "cli")!.Value;

            Console.WriteLine($"langid per-prediction comparison: {texts.Count} distinct texts of <= 100 characters, {n} predictions, top-1, median of {Repetitions}");
            Console.WriteLine($"| predictor | µs per prediction | ratio to C# |");
            Console.WriteLine($"|---|---|---|");
            Console.WriteLine($"| C# FastTextModel.Predict | {csharp:F2} | 1.00 |");
            if (cpp is { } c)
            {
                Console.WriteLine($"| native libfasttext predictLine (C++, in-process) | {c:F2} | {c / csharp:F2} |");
            }

            if (py2 is { } p)
            {
                Console.WriteLine($"| python3-fasttext model.predict loop | {p:F2} | {p / csharp:F2} |");
            }

            Console.WriteLine($"| native fasttext predict-prob (CLI, minus load) | {cli:F2} | {cli / csharp:F2} |");
            Console.WriteLine(cpp is { } c2 ? $"C# time / native C++ time = {csharp / c2:F2}" : "C++ harness not built (needs g++ and libfasttext-dev)");
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static double MeasureCSharp(FastTextModel model, string[] lines)
    {
        foreach (var t in lines.Take(2000))
        {
            model.Predict(t, 1);
        }

        var sw = Stopwatch.StartNew();
        var sink = 0f;
        foreach (var t in lines)
        {
            sink += model.Predict(t, 1)[0].Probability;
        }

        GC.KeepAlive(sink);
        return sw.Elapsed.TotalMicroseconds / lines.Length;
    }

    private static void Add(Dictionary<string, List<double>> samples, string key, double? value)
    {
        if (value is { } v)
        {
            (samples.TryGetValue(key, out var list) ? list : samples[key] = []).Add(v);
        }
    }

    private static double? Median(Dictionary<string, List<double>> samples, string key)
    {
        if (!samples.TryGetValue(key, out var list) || list.Count == 0)
        {
            return null;
        }

        var sorted = list.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static double TimeCli(string model, string input)
    {
        var psi = new ProcessStartInfo("fasttext") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "predict-prob", model, input, "1" })
        {
            psi.ArgumentList.Add(a);
        }

        var sw = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        p.StandardOutput.BaseStream.CopyTo(Stream.Null);
        p.WaitForExit();
        return sw.Elapsed.TotalSeconds;
    }

    private static string? BuildCpp(string dir)
    {
        var source = Path.Combine(LangIdBenchData.RepoRoot, "bench", "LiftWing.Benchmarks", "native", "fasttext_predict_bench.cpp");
        var exe = Path.Combine(dir, "fasttext_predict_bench");
        return RunProcess("g++", ["-O2", "-std=c++17", source, "-lfasttext", "-o", exe]).ExitCode == 0 ? exe : null;
    }

    private static double? RunDouble(string file, string[] args)
    {
        var (rc, output) = RunProcess(file, args);
        return rc == 0 && double.TryParse(output.Trim(), CultureInfo.InvariantCulture, out var v) ? v : null;
    }

    private static (int ExitCode, string Output) RunProcess(string file, string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        try
        {
            using var p = Process.Start(psi)!;
            var stderr = p.StandardError.ReadToEndAsync();
            var output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            _ = stderr.Result;
            return (p.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (-1, "");
        }
    }

    private const string PythonScript = """
        import sys, time, fasttext
        fasttext.FastText.eprint = lambda *a, **k: None
        m = fasttext.load_model(sys.argv[1])
        texts = [l.rstrip('\n') for l in open(sys.argv[2], encoding='utf-8')]
        n = int(sys.argv[3])
        lines = [texts[i % len(texts)] for i in range(n)]
        for t in lines[:2000]: m.predict(t)
        t0 = time.perf_counter()
        for t in lines: m.predict(t)
        print((time.perf_counter() - t0) * 1e6 / n)
        """;
}

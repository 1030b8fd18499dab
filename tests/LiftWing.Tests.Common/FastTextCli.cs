using System.Diagnostics;
using System.Globalization;

namespace LiftWing.Tests.Common;

/// <summary>
/// Debian's <c>fasttext</c> command (installed by scripts/setup/langid.sh), the oracle for the C# fastText runtime:
/// <c>fasttext predict-prob MODEL FILE K</c>, one line of input per text.
/// </summary>
public static class FastTextCli
{
    /// <summary>The command, overridable with LIFTWING_FASTTEXT.</summary>
    public static string Command => Environment.GetEnvironmentVariable("LIFTWING_FASTTEXT") is { Length: > 0 } c ? c : "fasttext";

    /// <summary>Runs predict-prob on the texts (which must not hold newlines) and returns (label, probability) lists in order.</summary>
    public static IReadOnlyList<IReadOnlyList<(string Label, double Probability)>> PredictProb(string modelPath, IReadOnlyList<string> texts, int k)
    {
        var input = Path.Combine(Path.GetTempPath(), $"liftwing-fasttext-{Guid.NewGuid():N}.txt");
        try
        {
            File.WriteAllText(input, string.Concat(texts.Select(t => t + "\n")), new System.Text.UTF8Encoding(false));
            var psi = new ProcessStartInfo(Command)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = System.Text.Encoding.UTF8,
            };
            foreach (var a in new[] { "predict-prob", modelPath, input, k.ToString(CultureInfo.InvariantCulture) })
            {
                psi.ArgumentList.Add(a);
            }

            Process process;
            try
            {
                process = Process.Start(psi)!;
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                throw new InvalidOperationException($"'{Command}' is not installed: run scripts/setup/langid.sh (apt-get install fasttext).", ex);
            }

            using (process)
            {
                var stderr = process.StandardError.ReadToEndAsync();
                var stdout = process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                if (process.ExitCode != 0)
                {
                    throw new InvalidOperationException($"fasttext predict-prob failed ({process.ExitCode}): {stderr.Result}");
                }

                var lines = stdout.Split('\n');
                var result = new List<IReadOnlyList<(string, double)>>();
                for (var i = 0; i < texts.Count; i++)
                {
                    var parts = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    var preds = new List<(string, double)>();
                    for (var j = 0; j + 1 < parts.Length; j += 2)
                    {
                        preds.Add((parts[j].StartsWith("__label__", StringComparison.Ordinal) ? parts[j]["__label__".Length..] : parts[j], double.Parse(parts[j + 1], CultureInfo.InvariantCulture)));
                    }

                    result.Add(preds);
                }

                return result;
            }
        }
        finally
        {
            File.Delete(input);
        }
    }
}

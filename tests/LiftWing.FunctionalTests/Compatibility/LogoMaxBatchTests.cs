using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Tests.Common;
using Xunit.Abstractions;

namespace LiftWing.FunctionalTests.Compatibility;

/// <summary>
/// Lift Wing's documented maximum request — 50 images of (almost) 4 MiB, base64, about 280 MB — against a real
/// <c>liftwing serve</c> process: accepted under logo-detection's own body limit, and its peak resident memory
/// (the kernel's VmHWM) stays within the body plus a bounded amount, because the body is held once and the images
/// are decoded one at a time per worker.
/// </summary>
public sealed class LogoMaxBatchTests(ITestOutputHelper output)
{
    private const int Images = 50;

    [Fact]
    public async Task MaxBatch_FiftyImagesOfFourMiB_Accepted_PeakRssBounded()
    {
        var png = TestImages.NoisePng(1182, 1182, seed: 15);
        Assert.InRange(png.Length, 4_000_000, 4 * 1024 * 1024);
        var base64 = Convert.ToBase64String(png);
        var body = new MemoryStream();
        // As Python's json.dumps writes it ('+' and '/' unescaped; the default encoder would write "\u002B").
        using (var w = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteStartArray("instances");
            for (var i = 0; i < Images; i++)
            {
                w.WriteStartObject();
                w.WriteString("filename", $"image{i:00}.png");
                w.WriteString("image", base64);
                w.WriteString("target", "logo");
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        // The batch takes seconds on a quiet machine; a loaded one must not turn it into a timeout.
        await using var serve = await ServeProcess.StartAsync("logo-detection", "--only", "logo-detection", "--request-timeout", "600");
        using var client = new HttpClient { BaseAddress = serve.Client.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        using (var warm = await client.PostAsync("v1/models/logo-detection:predict", Json(
            $$"""{"instances": [{"filename": "w.png", "image": "{{Convert.ToBase64String(TestImages.NoisePng(64, 64, 1))}}", "target": "logo"}]}""")))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        var before = Status(serve.Process.Id);
        body.Position = 0;
        using var content = new StreamContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync("v1/models/logo-detection:predict", content);
        var text = await response.Content.ReadAsStringAsync();
        var after = Status(serve.Process.Id);

        Assert.True(response.StatusCode == HttpStatusCode.OK, text.Length > 500 ? text[..500] : text);
        using var doc = JsonDocument.Parse(text);
        var names = doc.RootElement.GetProperty("predictions").EnumerateArray().Select(p => p.GetProperty("filename").GetString()).ToList();
        Assert.Equal(Enumerable.Range(0, Images).Select(i => $"image{i:00}.png"), names);
        var growth = after.PeakBytes - before.RssBytes;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"body {body.Length:N0} bytes; RSS before {before.RssBytes / 1048576.0:F0} MiB, peak (VmHWM) after {after.PeakBytes / 1048576.0:F0} MiB, growth {growth / 1048576.0:F0} MiB ({(double)growth / body.Length:F2}x the body); {Environment.ProcessorCount} cores"));
        // Held once (the parsed document's array) plus per-worker image buffers, the batch tensor and runtime slack
        // (measured: 1.02x the body); a second copy of the body would exceed this bound.
        Assert.True(growth < body.Length + 192L * 1024 * 1024, $"peak RSS grew {growth:N0} bytes for a {body.Length:N0}-byte body");
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static (long RssBytes, long PeakBytes) Status(int pid)
    {
        long rss = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kb(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kb(line);
            }
        }

        return (rss, peak);

        static long Kb(string line) => long.Parse(line.Split(':')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }
}

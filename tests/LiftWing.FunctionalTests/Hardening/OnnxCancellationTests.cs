using System.Diagnostics;
using System.Text;
using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Tests.Common;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace LiftWing.FunctionalTests.Hardening;

/// <summary>
/// A client that disconnects during a large Hugging Face or logo-detection batch stops the ONNX run itself (ONNX
/// Runtime's terminate flag), not only the work after it. Measured as the process's CPU time (the server runs in this
/// process) from the disconnect to the end of the server's request; serial, so no other test class runs beside it.
/// </summary>
[Collection(CorpusSerialDefinition.Name)]
public sealed class OnnxCancellationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task HuggingFaceBatch_StopsConsumingCpu_WhenTheClientDisconnects()
    {
        // One batch of 128 texts of 128 tokens: several seconds of CPU in one ONNX call.
        using var models = CopyModel("all-MiniLM-L6-v2", yaml => yaml
            .Replace("max_batch_size: 32", "max_batch_size: 256", StringComparison.Ordinal)
            .Replace("max_length: 256", "max_length: 128", StringComparison.Ordinal));
        await using var server = await StartAsync(models);
        var text = string.Join(' ', Enumerable.Range(0, 200).Select(i => $"word{i % 37} house river"));
        var body = "{\"instances\":[" + string.Join(",", Enumerable.Repeat($"\"{text}\"", 128)) + "]}";
        await AssertCpuStopsAfterDisconnectAsync(server, "v1/models/all-MiniLM-L6-v2:predict", body);
    }

    [Fact]
    public async Task LogoBatch_StopsConsumingCpu_WhenTheClientDisconnects()
    {
        // 120 images in one ResNet18 call.
        using var models = CopyModel("logo-detection", yaml => yaml.Replace("max_images: 50 ", "max_images: 120 ", StringComparison.Ordinal));
        await using var server = await StartAsync(models);
        var image = Convert.ToBase64String(File.ReadAllBytes(TestPaths.SharedData("liftwing", "logo", "12_rue_de_Condé_-_detail.jpg")));
        var body = "{\"instances\":[" + string.Join(",", Enumerable.Range(0, 120).Select(i => $"{{\"filename\":\"{i}.jpg\",\"image\":\"{image}\",\"target\":\"logo\"}}")) + "]}";
        await AssertCpuStopsAfterDisconnectAsync(server, "v1/models/logo-detection:predict", body);
    }

    // The idle trimmer's compacting collection after the burst would land in the measured window.
    private readonly RequestEndProbe _probe = new();

    private Task<LiftWingTestServer> StartAsync(TempDirectory models) => LiftWingTestServer.StartAsync(s =>
    {
        s.ModelsDirectory = models.Path;
        s.Settings["LiftWing:Memory:IdleTrimInterval"] = "00:00:00";
        s.ConfigureServices = services => services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(_probe);
    });

    private async Task AssertCpuStopsAfterDisconnectAsync(LiftWingTestServer server, string path, string body)
    {
        using var cts = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var start = Cpu();
        var request = server.Client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"), cts.Token);
        // Wait until the model is well into its work (a second of CPU), so the disconnect lands inside the ONNX call.
        while (Cpu() - start < TimeSpan.FromSeconds(1))
        {
            Assert.False(request.IsCompleted, "the request finished before it could be cancelled");
            await Task.Delay(20);
        }

        var before = Cpu() - start;
        await cts.CancelAsync();
        var cancelled = Cpu();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        // CPU time, not wall time: the machine may be loaded. Without the terminate flag the server would finish the
        // whole ONNX call (many seconds of CPU) before the request ends.
        await _probe.Ended.Task.WaitAsync(TimeSpan.FromMinutes(2));
        var after = Cpu() - cancelled;
        output.WriteLine($"CPU before the disconnect {before.TotalSeconds:0.00} s; from the disconnect to the end of the server's work {after.TotalSeconds:0.00} s; wall {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.True(after < TimeSpan.FromSeconds(1), $"the server used {after.TotalSeconds:0.00} s of CPU after the client left");
        using var live = await server.Client.GetAsync("v2/health/live");
        Assert.True(live.IsSuccessStatusCode);
    }

    private static TimeSpan Cpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    private static TempDirectory CopyModel(string name, Func<string, string> editYaml)
    {
        var dir = TempDirectory.Create();
        var target = Directory.CreateDirectory(System.IO.Path.Combine(dir.Path, name)).FullName;
        foreach (var f in Directory.GetFiles(System.IO.Path.Combine(TestPaths.Models, name)))
        {
            var to = System.IO.Path.Combine(target, System.IO.Path.GetFileName(f));
            if (f.EndsWith("model.yaml", StringComparison.Ordinal))
            {
                var yaml = File.ReadAllText(f);
                var edited = editYaml(yaml);
                Assert.NotEqual(yaml, edited);
                File.WriteAllText(to, edited);
            }
            else
            {
                File.Copy(f, to);
            }
        }

        return dir;
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text;
using BenchmarkDotNet.Attributes;
using LiftWing.Server;
using LiftWing.Tests.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiftWing.Benchmarks;

/// <summary>
/// The cost LiftWing adds to a request: a V1 predict on a trivial model versus a bare Kestrel endpoint that
/// returns the same bytes, both over loopback HTTP/1.1 keep-alive from one client.
/// </summary>
[MemoryDiagnoser]
public class HttpOverheadBenchmarks
{
    private static readonly byte[] s_body = Encoding.UTF8.GetBytes("""{"text":"Der schnelle braune Fuchs springt über den faulen Hund"}""");
    private WebApplication? _liftwing;
    private WebApplication? _bare;
    private TempModels? _models;
    private HttpClient _client = null!;
    private Uri _liftwingUri = null!;
    private Uri _bareUri = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _models = TempModels.Create(("echo", TempModels.EchoYaml("echo")));
        var port = LoopbackBench.FreePort();
        var settings = new LiftWingHostSettings
        {
            ConsoleLogging = false,
            ConfigureServices = s => s.AddModelServer(EchoModel.ServerType, static (c, _) => new EchoModel(c)),
        };
        settings.Configuration["LiftWing:Server:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings.Configuration["LiftWing:Models:Directory"] = _models.Directory;
        _liftwing = LiftWingHost.Build(settings);
        await _liftwing.StartAsync();
        _liftwingUri = new Uri($"http://127.0.0.1:{port}/v1/models/echo:predict");

        _client = new HttpClient(new SocketsHttpHandler { UseCookies = false });
        for (var i = 0; i < 100; i++)
        {
            await PostAsync(_liftwingUri);
        }

        // The bare endpoint answers exactly what LiftWing answers.
        var expected = await PostAsync(_liftwingUri);
        var barePort = LoopbackBench.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{barePort}");
        _bare = builder.Build();
        _bare.MapPost("/echo", async (HttpContext ctx) =>
        {
            // Read the body as LiftWing does, then write the fixed answer.
            while (true)
            {
                var r = await ctx.Request.BodyReader.ReadAsync();
                ctx.Request.BodyReader.AdvanceTo(r.Buffer.End);
                if (r.IsCompleted)
                {
                    break;
                }
            }

            ctx.Response.ContentType = "application/json";
            ctx.Response.ContentLength = expected.Length;
            await ctx.Response.Body.WriteAsync(expected);
        });
        await _bare.StartAsync();
        _bareUri = new Uri($"http://127.0.0.1:{barePort}/echo");
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _client.Dispose();
        await _liftwing!.StopAsync();
        await _bare!.StopAsync();
        _models?.Dispose();
    }

    [Benchmark(Baseline = true)]
    public Task<byte[]> BareKestrel() => PostAsync(_bareUri);

    [Benchmark]
    public Task<byte[]> LiftWingV1Predict() => PostAsync(_liftwingUri);

    private async Task<byte[]> PostAsync(Uri uri)
    {
        using var content = new ByteArrayContent(s_body);
        content.Headers.ContentType = new("application/json");
        using var response = await _client.PostAsync(uri, content);
        return await response.Content.ReadAsByteArrayAsync();
    }
}

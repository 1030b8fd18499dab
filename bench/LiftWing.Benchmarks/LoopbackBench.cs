using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using LiftWing.Server;
using LiftWing.Tests.Common;

namespace LiftWing.Benchmarks;

/// <summary>
/// What the loopback HTTP benchmarks share: a free port, the bare Kestrel baseline that writes fixed bytes, a LiftWing
/// serving langid alone with extra configuration, and the median of a run's rounds.
/// </summary>
public static class LoopbackBench
{
    /// <summary>A free TCP port on 127.0.0.1.</summary>
    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    /// <summary>
    /// Starts a minimal-API Kestrel on a free port answering <paramref name="method"/> <paramref name="path"/> with
    /// <paramref name="body"/>() (read per request, so it may be filled after start); a request body is read first, as
    /// LiftWing reads it. Returns the app and the URL.
    /// </summary>
    public static async Task<(WebApplication App, Uri Url)> StartBareAsync(string method, string path, Func<byte[]> body, string query = "")
    {
        var port = FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapMethods(path, [method], async (HttpContext ctx) =>
        {
            using var ms = new MemoryStream();
            await ctx.Request.Body.CopyToAsync(ms);
            var bytes = body();
            ctx.Response.ContentType = "application/json";
            ctx.Response.ContentLength = bytes.Length;
            await ctx.Response.Body.WriteAsync(bytes);
        });
        await app.StartAsync();
        return (app, new Uri($"http://127.0.0.1:{port}{path}{query}"));
    }

    /// <summary>
    /// Starts a LiftWing on a free port serving only langid from the repository's models folder, with
    /// <paramref name="config"/> on top (and <paramref name="services"/> after the models), and waits until langid is
    /// ready. Returns the app and its V1 predict URL.
    /// </summary>
    public static async Task<(WebApplication App, Uri PredictUrl)> StartLangIdAsync(
        IEnumerable<KeyValuePair<string, string?>> config, Action<IServiceCollection>? services = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var port = FreePort();
        var settings = new LiftWingHostSettings
        {
            ConsoleLogging = false,
            ConfigureServices = s =>
            {
                s.AddLiftWingModels();
                services?.Invoke(s);
            },
        };
        settings.Configuration["LiftWing:Server:Port"] = port.ToString(CultureInfo.InvariantCulture);
        settings.Configuration["LiftWing:Models:Directory"] = TestPaths.Models;
        settings.Configuration["LiftWing:Models:Only:0"] = "langid";
        foreach (var kv in config)
        {
            settings.Configuration[kv.Key] = kv.Value;
        }

        var app = LiftWingHost.Build(settings);
        await app.StartAsync();
        using var client = new HttpClient();
        for (var i = 0; i < 600; i++)
        {
            using var r = await client.GetAsync(new Uri($"http://127.0.0.1:{port}/v2/models/langid/ready"));
            if (r.StatusCode == HttpStatusCode.OK)
            {
                return (app, new Uri($"http://127.0.0.1:{port}/v1/models/langid:predict"));
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException("langid did not load");
    }

    /// <summary>The median of <paramref name="values"/> (the mean of the middle two for an even count).</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var s = values.Order().ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[(s.Count / 2) - 1] + s[s.Count / 2]) / 2;
    }
}

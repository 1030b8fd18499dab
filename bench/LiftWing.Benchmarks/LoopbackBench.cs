using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LiftWing.Benchmarks;

/// <summary>What the loopback HTTP benchmarks share: a free port, and the bare Kestrel baseline that writes fixed bytes.</summary>
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
}

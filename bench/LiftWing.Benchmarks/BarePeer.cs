using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LiftWing.Benchmarks;

/// <summary>
/// The floor for the side-by-side HTTP comparison (<c>bench/http/side-by-side.sh</c>): a minimal-API Kestrel that reads
/// the whole body, parses it as JSON and answers fixed bytes, on any path.
/// Run: <c>dotnet run -c Release --project bench/LiftWing.Benchmarks -- bare-peer PORT RESPONSE_FILE</c>
/// </summary>
internal static class BarePeer
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2)
        {
            await Console.Error.WriteLineAsync("usage: bare-peer PORT RESPONSE_FILE");
            return 2;
        }

        var port = int.Parse(args[0], CultureInfo.InvariantCulture);
        var answer = await File.ReadAllBytesAsync(args[1]);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        await using var app = builder.Build();
        app.Run(async ctx =>
        {
            var reader = ctx.Request.BodyReader;
            while (true)
            {
                var r = await reader.ReadAsync();
                if (r.IsCompleted)
                {
                    using (JsonDocument.Parse(r.Buffer))
                    {
                    }

                    reader.AdvanceTo(r.Buffer.End);
                    break;
                }

                reader.AdvanceTo(r.Buffer.Start, r.Buffer.End);
            }

            ctx.Response.ContentType = "application/json";
            ctx.Response.ContentLength = answer.Length;
            await ctx.Response.Body.WriteAsync(answer);
        });
        Console.WriteLine($"bare peer on http://127.0.0.1:{port}");
        await app.RunAsync();
        return 0;
    }
}

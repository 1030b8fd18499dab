using System.CommandLine;
using LiftWing.Cli.LoadTest;

namespace LiftWing.Cli.Commands;

/// <summary><c>liftwing loadtest &lt;url&gt;</c>: Locust-style stats from a bounded closed-loop HTTP load.</summary>
internal static class LoadTestCommand
{
    public static Command Create()
    {
        var url = new Argument<string>("url") { Description = "The URL to load, e.g. http://127.0.0.1:8080/v1/models/langid:predict." };
        var body = new Option<string?>("--body") { Description = "A file with the request body (POST); without it the requests are GETs." };
        var concurrency = new Option<int>("--concurrency", "-c") { Description = "Concurrent connections (users).", DefaultValueFactory = _ => 1 };
        var duration = new Option<double?>("--duration", "-d") { Description = "Seconds to run (default 10 when --requests is not given)." };
        var requests = new Option<long?>("--requests", "-n") { Description = "Total requests to send." };
        var warmup = new Option<int>("--warmup") { Description = "Uncounted requests sent first.", DefaultValueFactory = _ => 0 };
        var csv = new Option<string?>("--csv") { Description = "Write Locust-style stats CSV to this file." };
        var headers = new Option<string[]>("--header", "-H") { Description = "Extra header 'Name: value' (repeatable), e.g. a Host header." };
        var method = new Option<string?>("--method", "-X") { Description = "HTTP method (default POST with --body, else GET)." };
        var contentType = new Option<string>("--content-type") { Description = "Content type of the body.", DefaultValueFactory = _ => "application/json" };
        var command = new Command("loadtest", "Send a bounded HTTP load and print requests, failures, median, p95, p99, max and requests/s (Locust's columns).")
        {
            url, body, concurrency, duration, requests, warmup, csv, headers, method, contentType,
        };
        command.SetAction(async (parse, ct) =>
        {
            var verb = new LoadTestVerbOptions(
                parse.GetValue(url)!,
                parse.GetValue(concurrency),
                parse.GetValue(duration),
                parse.GetValue(requests),
                parse.GetValue(warmup),
                parse.GetValue(headers) ?? []);
            if (await VerbOptions.RejectAsync(verb).ConfigureAwait(false) is { } bad)
            {
                return bad;
            }

            var (target, c, d, n) = (verb.Target!, verb.Concurrency, verb.DurationSeconds, verb.Requests);
            byte[]? payload = null;
            if (parse.GetValue(body) is { } bodyFile)
            {
                try
                {
                    payload = await File.ReadAllBytesAsync(bodyFile, ct).ConfigureAwait(false);
                }
                catch (IOException ex)
                {
                    await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
                    return 2;
                }
            }

            var hdrs = verb.Headers.Select(h => (h, i: h.IndexOf(':', StringComparison.Ordinal)))
                .Select(x => new KeyValuePair<string, string>(x.h[..x.i].Trim(), x.h[(x.i + 1)..].Trim()))
                .ToList();

            var options = new LoadTestOptions
            {
                Url = target,
                Method = new HttpMethod(parse.GetValue(method) ?? (payload is null ? "GET" : "POST")),
                Body = payload,
                ContentType = parse.GetValue(contentType)!,
                Headers = hdrs,
                Concurrency = c,
                Duration = d is { } s ? TimeSpan.FromSeconds(s) : null,
                Requests = n,
                Warmup = verb.Warmup,
            };
            var progress = new Progress<long>(done => Console.Error.Write($"\r{done} requests…"));
            var result = await LoadTester.RunAsync(options, Console.IsErrorRedirected ? null : progress, ct).ConfigureAwait(false);
            if (!Console.IsErrorRedirected)
            {
                Console.Error.Write("\r");
            }

            Console.Write(result.ToTable());
            if (parse.GetValue(csv) is { } csvPath)
            {
                await File.WriteAllTextAsync(csvPath, result.ToCsv(), ct).ConfigureAwait(false);
                Console.WriteLine($"stats written to {csvPath}");
            }

            return result.Failures == 0 ? 0 : 1;
        });
        return command;
    }
}

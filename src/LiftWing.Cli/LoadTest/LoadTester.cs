using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;

namespace LiftWing.Cli.LoadTest;

/// <summary>
/// A closed-loop HTTP load generator: N workers on keep-alive HTTP/1.1 connections, each sending the next request
/// when the previous one answers. Always bounded in count and time.
/// </summary>
internal static class LoadTester
{
    /// <summary>Runs with the client of <c>AddLoadTestClient</c>, built for this run.</summary>
    public static async Task<LoadTestResult> RunAsync(LoadTestOptions options, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var services = new ServiceCollection().AddLoadTestClient(options).BuildServiceProvider();
        await using (services.ConfigureAwait(false))
        {
            using var client = services.GetRequiredService<IHttpClientFactory>().CreateClient(LoadTestServiceCollectionExtensions.HttpClientName);
            return await RunAsync(client, options, progress, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs over <paramref name="client"/> (its timeout bounds each request).</summary>
    public static async Task<LoadTestResult> RunAsync(HttpClient client, LoadTestOptions options, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        var duration = options.Duration ?? (options.Requests is null ? TimeSpan.FromSeconds(10) : options.MaxDuration);
        if (duration > options.MaxDuration)
        {
            duration = options.MaxDuration;
        }

        for (var i = 0; i < options.Warmup; i++)
        {
            await SendAsync(client, options, cancellationToken).ConfigureAwait(false);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(duration);
        var remaining = options.Requests ?? long.MaxValue;
        var latencies = new ConcurrentBag<double[]>();
        var statuses = new ConcurrentDictionary<int, long>();
        long failures = 0, bytes = 0, done = 0;
        var sw = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(async () =>
        {
            var local = new List<double>(1024);
            while (!stop.IsCancellationRequested && Interlocked.Decrement(ref remaining) >= 0)
            {
                var start = Stopwatch.GetTimestamp();
                var (status, length) = await SendAsync(client, options, stop.Token).ConfigureAwait(false);
                if (status == -1)
                {
                    break; // cancelled by the time bound: not counted
                }

                local.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                statuses.AddOrUpdate(status, 1, static (_, v) => v + 1);
                Interlocked.Add(ref bytes, length);
                if (status is 0 or >= 400)
                {
                    Interlocked.Increment(ref failures);
                }

                var n = Interlocked.Increment(ref done);
                if ((n & 1023) == 0)
                {
                    progress?.Report(n);
                }
            }

            latencies.Add([.. local]);
        }, CancellationToken.None)).ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
        sw.Stop();
        return new LoadTestResult
        {
            Method = options.Method.Method,
            Name = options.Url.AbsolutePath,
            LatenciesMs = latencies.SelectMany(l => l).ToArray(),
            Failures = failures,
            ContentBytes = bytes,
            Elapsed = sw.Elapsed,
            StatusCounts = statuses.ToDictionary(kv => kv.Key, kv => kv.Value),
        };
    }

    /// <summary>Sends one request; returns the status (0 for a transport error, -1 when cancelled) and body length.</summary>
    private static async Task<(int Status, long Length)> SendAsync(HttpClient client, LoadTestOptions options, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(options.Method, options.Url);
        if (options.Body is not null)
        {
            request.Content = new ByteArrayContent(options.Body);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(options.ContentType);
        }

        foreach (var (k, v) in options.Headers)
        {
            if (k.Equals("host", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.Host = v;
            }
            else if (!request.Headers.TryAddWithoutValidation(k, v))
            {
                request.Content?.Headers.TryAddWithoutValidation(k, v);
            }
        }

        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
            return ((int)response.StatusCode, body.Length);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return (-1, 0);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            return (0, 0);
        }
    }
}

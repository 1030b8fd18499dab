using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Tests.Common;

namespace LiftWing.FunctionalTests.Gateway;

/// <summary>Two real <c>liftwing serve</c> processes on one real <c>redis-server</c> count against one limit.</summary>
public sealed class SharedCounterTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task TwoServeProcesses_ShareOneCounterThroughRedis()
    {
        await using var redis = await RedisServer.StartAsync();
        var (p1, c1, out1) = await StartServeAsync(redis.Endpoint, "--rate-limit", "anon=3/day", "--rate-limit-loopback");
        var (p2, c2, out2) = await StartServeAsync(redis.Endpoint, "--rate-limit", "anon=3/day", "--rate-limit-loopback");
        try
        {
            // A day window can still turn over mid-test (at 00:00 UTC); then the sequence runs again in the new window.
            for (var attempt = 0; attempt < 2; attempt++)
            {
                var day = DateTime.UtcNow.Date;
                var statuses = new List<HttpStatusCode>();
                foreach (var c in new[] { c1, c2, c1, c2, c1 })
                {
                    using var r = await c.PostAsync("v1/models/langid:predict", new StringContent("{\"text\":\"Hallo Welt\"}", Encoding.UTF8, "application/json"));
                    statuses.Add(r.StatusCode);
                    if (r.StatusCode == HttpStatusCode.TooManyRequests)
                    {
                        Assert.Equal("anon", r.Headers.GetValues("x-wmf-ratelimit-class").Single());
                    }
                }

                if (DateTime.UtcNow.Date != day)
                {
                    continue;
                }

                // 3 allowed in all, whichever process answered; the 4th and 5th are refused by either.
                Assert.True(statuses.SequenceEqual([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests]),
                    string.Join(",", statuses) + out1 + out2);
                return;
            }
        }
        finally
        {
            foreach (var p in new[] { p1, p2 })
            {
                p.Kill(true);
                await p.WaitForExitAsync();
                p.Dispose();
            }

            c1.Dispose();
            c2.Dispose();
        }
    }

    [Fact]
    public async Task Serve_RefusesAMalformedRateLimit()
    {
        var (exit, _, stderr) = await CliRunner.RunAsync(TestPaths.RepoRoot, null, s_timeout, "serve", "--only", "langid", "--rate-limit", "anon=lots");
        Assert.Equal(2, exit);
        Assert.Contains("not N/UNIT", stderr, StringComparison.Ordinal);
    }

    private static async Task<(Process Process, HttpClient Client, StringBuilder Output)> StartServeAsync(string redis, params string[] extra)
    {
        var port = LiftWingTestServer.FreePort();
        var p = CliRunner.Start(TestPaths.RepoRoot, ["serve", "--port", port.ToString(CultureInfo.InvariantCulture), "--only", "langid", "--cache", "redis", "--redis", redis, .. extra]);
        var output = CliRunner.Capture(p);
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        var deadline = DateTime.UtcNow + s_timeout;
        while (DateTime.UtcNow < deadline && !p.HasExited)
        {
            try
            {
                if ((await client.GetAsync("v2/models/langid/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return (p, client, output);
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        Assert.Fail("serve did not become ready: " + output);
        return default;
    }
}

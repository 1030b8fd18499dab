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
        await using var first = await ServeProcess.StartAsync("langid", "--only", "langid", "--cache", "redis", "--redis", redis.Endpoint, "--rate-limit", "anon=3/day", "--rate-limit-loopback");
        await using var second = await ServeProcess.StartAsync("langid", "--only", "langid", "--cache", "redis", "--redis", redis.Endpoint, "--rate-limit", "anon=3/day", "--rate-limit-loopback");

        // A day window can still turn over mid-test (at 00:00 UTC); then the sequence runs again in the new window.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var day = DateTime.UtcNow.Date;
            var statuses = new List<HttpStatusCode>();
            foreach (var c in new[] { first.Client, second.Client, first.Client, second.Client, first.Client })
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
                string.Join(",", statuses) + first.Output + second.Output);
            return;
        }

        Assert.Fail("two day windows turned over during the test");
    }

    [Fact]
    public async Task Serve_RefusesAMalformedRateLimit()
    {
        var (exit, _, stderr) = await CliRunner.RunAsync(TestPaths.RepoRoot, null, s_timeout, "serve", "--only", "langid", "--rate-limit", "anon=lots");
        Assert.Equal(2, exit);
        Assert.Contains("not N/UNIT", stderr, StringComparison.Ordinal);
    }
}

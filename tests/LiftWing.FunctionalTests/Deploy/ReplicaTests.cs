using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Tests.Common;
using LiftWing.Tests.Common.FakeMediaWiki;

namespace LiftWing.FunctionalTests.Deploy;

/// <summary>
/// Three real <c>serve</c> processes behind a real HAProxy, one real redis-server and two precache workers:
/// a replica killed with SIGKILL mid-load costs no client request, what one replica computes the others serve
/// from Redis, each page_change event is precached once, and SIGTERM drains an in-flight request.
/// </summary>
public sealed partial class ReplicaTests
{
    private const string RevertRisk = "revertrisk-language-agnostic";
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(4);
    private static readonly long[] s_revisions = [2001, 2002, 2004, 2005];

    [Fact]
    public async Task ThreeReplicasBehindHaproxy_SurviveAKill_ShareTheCache_PrecacheOnce_AndDrainOnSigterm()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var wiki = FakeMediaWikiServer.Start(RevertRiskTestWiki.Create());
        // The store's time budgets (50 ms read, 250 ms write) keep a slow Redis off the request path. On a loaded machine
        // they fire: a timed-out read is a miss and marks the store down for a while, and a timed-out claim lets both
        // precache workers compute the same event, so a slow machine looked like lost sharing and double precaching.
        // This test checks sharing and coordination, not the budgets, so serve and precache get wide ones.
        var env = new Dictionary<string, string>
        {
            ["WIKI_URL"] = wiki.BaseUri.ToString(),
            ["LIFTWING__CACHE__STORETIMEOUT"] = "00:00:05",
            ["LIFTWING__CACHE__STOREWRITETIMEOUT"] = "00:00:05",
        };
        var replicas = Enumerable.Range(0, 3).Select(_ => new Replica(LiftWingTestServer.FreePort(), redis.Endpoint, env)).ToArray();
        try
        {
            await Task.WhenAll(replicas.Select(r => r.StartAsync()));
            await using var haproxy = await HaproxyServer.StartAsync(replicas.Select(r => r.Port));
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{haproxy.Port}/"), Timeout = TimeSpan.FromSeconds(60) };
            await WaitAsync(async () => (await client.GetAsync("v2/health/ready")).StatusCode == HttpStatusCode.OK, "haproxy never saw a ready replica: " + haproxy.Output);

            // Steady load through HAProxy; one replica is killed with SIGKILL and later restarted on the same port.
            using var stopLoad = new CancellationTokenSource();
            var load = Enumerable.Range(0, 2).Select(w => SendLoadAsync(client, w, stopLoad.Token)).ToArray();
            await Task.Delay(TimeSpan.FromSeconds(2));
            await replicas[1].KillAsync();
            await Task.Delay(TimeSpan.FromSeconds(2));
            await replicas[1].StartAsync();
            await Task.Delay(TimeSpan.FromSeconds(2));
            await stopLoad.CancelAsync();
            var results = await Task.WhenAll(load);
            var sent = results.Sum(r => r.Sent);
            var failures = results.SelectMany(r => r.Failures).ToList();
            Assert.True(sent > 20, $"only {sent} requests were sent");
            Assert.True(failures.Count == 0, $"{failures.Count} of {sent} client requests failed: {string.Join("; ", failures.Take(5))}\n{haproxy.Output}");

            // A prediction computed by one replica is an L2 hit on the others (the restarted one included). A Redis
            // read slower than the cache's budget degrades to a miss by design, so a few fresh sentences are tried;
            // one must be shared by all three replicas.
            var shared = new List<string>();
            for (var attempt = 0; attempt < 5 && shared.Count == 0; attempt++)
            {
                var body = new JsonObject { ["text"] = $"Ein Satz, den nur dieser Test schickt ({attempt}), um den gemeinsamen Cache zu prüfen" }.ToJsonString();
                var first = await replicas[0].PredictAsync("langid", body);
                Assert.Equal(HttpStatusCode.OK, first.Status);
                Assert.Equal("miss", first.Cache);
                var others = new List<(HttpStatusCode Status, string? Cache, string Body)>();
                foreach (var other in replicas.Skip(1))
                {
                    others.Add(await other.PredictAsync("langid", body));
                }

                Assert.All(others, o => Assert.Equal(first.Body, o.Body));
                if (others.All(o => o.Cache == "hit l2"))
                {
                    shared.Add(body);
                }
            }

            Assert.NotEmpty(shared);

            // Two precache workers read the same page_change events; each event is computed once.
            var events = Path.Combine(Path.GetTempPath(), $"liftwing-replica-events-{Guid.NewGuid():N}.jsonl");
            await File.WriteAllTextAsync(events, PageChangeEvents());
            try
            {
                var workers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => CliRunner.RunAsync(TestPaths.RepoRoot, env, null, s_timeout,
                    "precache", "--events", events, "--only", RevertRisk, "--cache", "redis", "--redis", redis.Endpoint, "--concurrency", "2")));
                var done = 0;
                foreach (var (code, stdout, stderr) in workers)
                {
                    Assert.True(code == 0, $"precache exited {code}: {stdout}{stderr}");
                    var m = Summary().Match(stdout);
                    Assert.True(m.Success, stdout);
                    Assert.Equal(s_revisions.Length, int.Parse(m.Groups["events"].Value, CultureInfo.InvariantCulture));
                    Assert.Equal("0", m.Groups["failed"].Value);
                    done += int.Parse(m.Groups["done"].Value, CultureInfo.InvariantCulture);
                }

                Assert.Equal(s_revisions.Length, done);
            }
            finally
            {
                File.Delete(events);
            }

            // The replicas answer the precached revisions from Redis (tries per revision as above: a slow read is a miss).
            foreach (var rev in s_revisions)
            {
                var tiers = new List<string>();
                for (var attempt = 0; attempt < 3 && !tiers.Contains("hit l2"); attempt++)
                {
                    using var r = await client.PostAsync($"v1/models/{RevertRisk}:predict", Json($$"""{"rev_id":{{rev}},"lang":"en"}"""));
                    Assert.Equal(HttpStatusCode.OK, r.StatusCode);
                    tiers.Add(r.Headers.GetValues("X-Cache").Single() + (r.Headers.TryGetValues("X-Cache-Tier", out var t) ? " " + t.Single() : ""));
                }

                Assert.True(tiers.Contains("hit l2"), $"revision {rev}: {string.Join(", ", tiers)}");
            }

            // SIGTERM while a request waits on a slow wiki: the request completes, then the process exits cleanly.
            wiki.Faults.Enqueue(new FakeFault { Delay = TimeSpan.FromSeconds(3) });
            var inFlight = replicas[2].PredictAsync(RevertRisk, """{"rev_id":2001,"lang":"en"}""", noCache: true);
            await WaitAsync(() => Task.FromResult(wiki.Faults.IsEmpty), "the slow wiki answer was never requested");
            await replicas[2].TerminateAsync();
            var drained = await inFlight;
            Assert.Equal(HttpStatusCode.OK, drained.Status);
            Assert.Equal(0, await replicas[2].WaitForExitAsync());
        }
        finally
        {
            foreach (var r in replicas)
            {
                await r.KillAsync();
            }
        }
    }

    private static async Task<LoadResult> SendLoadAsync(HttpClient client, int worker, CancellationToken stop)
    {
        var result = new LoadResult();
        string[] texts = ["The quick brown fox jumps over the lazy dog", "Le renard brun saute par-dessus le chien paresseux",
            "El rápido zorro marrón salta sobre el perro perezoso", "Der schnelle braune Fuchs springt über den faulen Hund"];
        var i = 0;
        while (!stop.IsCancellationRequested)
        {
            // Repeats (hits) and new texts (misses) in turn.
            var text = $"{texts[i % texts.Length]} {worker}-{i % 25}";
            i++;
            result.Sent++;
            try
            {
                using var r = await client.PostAsync("v1/models/langid:predict", Json(new JsonObject { ["text"] = text }.ToJsonString()), CancellationToken.None);
                if (r.StatusCode != HttpStatusCode.OK)
                {
                    result.Failures.Add($"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync(CancellationToken.None)}");
                }
            }
            catch (HttpRequestException ex)
            {
                result.Failures.Add(ex.Message);
            }
        }

        return result;
    }

    private static string PageChangeEvents()
    {
        var payload = File.ReadAllText(TestPaths.SharedData("liftwing", "events", "enwiki_page_change_payload.json"));
        var ev = JsonNode.Parse(payload)!["event"]!;
        var lines = new StringBuilder();
        foreach (var rev in s_revisions)
        {
            var e = ev.DeepClone();
            e["revision"]!["rev_id"] = rev;
            e["page"]!["page_id"] = 500;
            lines.AppendLine(e.ToJsonString());
        }

        return lines.ToString();
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task WaitAsync(Func<Task<bool>> condition, string failure)
    {
        var deadline = DateTime.UtcNow + s_timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        Assert.Fail(failure);
    }

    [GeneratedRegex(@"precache: (?<events>\d+) events: (?<done>\d+) done, (?<skipped>\d+) skipped, (?<failed>\d+) failed")]
    private static partial Regex Summary();

    private sealed class LoadResult
    {
        public int Sent { get; set; }

        public List<string> Failures { get; } = [];
    }

    /// <summary>One <c>liftwing serve</c> process on a fixed port, sharing Redis.</summary>
    private sealed class Replica(int port, string redis, IReadOnlyDictionary<string, string> env)
    {
        private Process? _process;
        private StringBuilder _output = new();

        public int Port => port;

        public async Task StartAsync()
        {
            _process = CliRunner.Start(TestPaths.RepoRoot, env, "serve", "--grpc-port", "0", "--port", port.ToString(CultureInfo.InvariantCulture),
                "--only", $"langid,{RevertRisk}", "--cache", "redis", "--redis", redis);
            _output = CliRunner.Capture(_process);
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            await ServeProcess.WaitReadyAsync(client, _process, _output, s_timeout);
        }

        public async Task<(HttpStatusCode Status, string? Cache, string Body)> PredictAsync(string model, string body, bool noCache = false)
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(60) };
            using var request = new HttpRequestMessage(HttpMethod.Post, $"v1/models/{model}:predict") { Content = Json(body) };
            if (noCache)
            {
                request.Headers.CacheControl = new System.Net.Http.Headers.CacheControlHeaderValue { NoCache = true };
            }

            using var r = await client.SendAsync(request);
            var text = await r.Content.ReadAsStringAsync();
            var tier = r.Headers.TryGetValues("X-Cache-Tier", out var t) ? " " + t.Single() : "";
            return (r.StatusCode, r.Headers.TryGetValues("X-Cache", out var c) ? c.Single() + tier : null, text);
        }

        /// <summary>SIGTERM, as Kubernetes stops a pod.</summary>
        public async Task TerminateAsync()
        {
            using var kill = Process.Start("kill", ["-TERM", _process!.Id.ToString(CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }

        public async Task<int> WaitForExitAsync()
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(40));
            await _process!.WaitForExitAsync(cts.Token);
            return _process.ExitCode;
        }

        /// <summary>SIGKILL, as a crash or an OOM kill would.</summary>
        public async Task KillAsync()
        {
            if (_process is { HasExited: false } p)
            {
                p.Kill(entireProcessTree: true);
                await p.WaitForExitAsync();
            }

            _process?.Dispose();
            _process = null;
        }
    }
}

using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Tests.Common;
using LiftWing.Tests.Common.Events;
using LiftWing.Tests.Common.FakeMediaWiki;

namespace LiftWing.FunctionalTests.Events;

/// <summary><c>liftwing precache --event-requests --eventgate URL</c> emits an event for each page_change it computes.</summary>
public sealed class PrecacheEventsTests
{
    [Fact]
    public async Task Precache_WithEventGate_EmitsOneValidEventPerComputedPageChange()
    {
        await using var wiki = FakeMediaWikiServer.Start(RevertRiskTestWiki.Create());
        await using var gate = new FakeEventGate();
        var dir = Directory.CreateTempSubdirectory("lw-precache-events-").FullName;
        try
        {
            var events = Path.Combine(dir, "page_change.jsonl");
            await File.WriteAllLinesAsync(events, new long[] { 2001, 2004, 2005 }.Select((rev, i) => PageChangeEvents.Variant(i + 1, rev).ToJsonString()));
            var env = new Dictionary<string, string>
            {
                ["WIKI_URL"] = wiki.BaseUri.ToString(),
                ["LiftWing__Events__Models__revertrisk-language-agnostic__Schema"] = EventSchemas.PredictionClassificationChange11,
                ["LiftWing__Events__ShutdownGrace"] = "00:00:30",
            };
            using var p = CliRunner.Start(TestPaths.RepoRoot, env, "precache", "--events", events, "--only", "revertrisk-language-agnostic",
                "--models-dir", TestPaths.Models, "--event-requests", "--cache", "sqlite", "--cache-path", Path.Combine(dir, "p.db"),
                "--eventgate", gate.Url, "--outbox-path", Path.Combine(dir, "events.db"));
            var output = CliRunner.Capture(p);
            using (var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3)))
            {
                await p.WaitForExitAsync(cts.Token);
            }

            Assert.True(p.ExitCode == 0, output.ToString());
            Assert.Equal(3, gate.AcceptedIds.Count);
            Assert.Equal(3, gate.AcceptedIds.Distinct().Count());
            Assert.Empty(gate.Invalid);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}

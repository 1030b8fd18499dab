using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LiftWing.Core.Events;
using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Tests.Common.Events;
using LiftWing.Tests.Common.FakeMediaWiki;
using Microsoft.Extensions.DependencyInjection;

namespace LiftWing.FunctionalTests.Events;

/// <summary>
/// Requests with an <c>event</c> to a real LiftWing server (revert risk on a fake MediaWiki) while a fake EventGate
/// accepts, answers 207, fails with 500, hangs and recovers, and the server is restarted in the middle: every valid
/// event arrives once by meta.id, validates against the published schema, and the invalid ones are dead-lettered.
/// </summary>
public sealed class EventDeliveryTests : IAsyncLifetime
{
    private const string Model = "revertrisk-language-agnostic";
    private static readonly long[] s_revisions = [2001, 2004, 2005, 2002];
    private readonly string _dir = Directory.CreateTempSubdirectory("lw-events-").FullName;
    private FakeMediaWikiServer _wiki = null!;
    private FakeEventGate _gate = null!;

    private string OutboxPath => Path.Combine(_dir, "events.db");

    public Task InitializeAsync()
    {
        _wiki = FakeMediaWikiServer.Start(RevertRiskTestWiki.Create());
        _gate = new FakeEventGate();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _gate.DisposeAsync();
        await _wiki.DisposeAsync();
        Directory.Delete(_dir, true);
    }

    private Task<LiftWingTestServer> StartServerAsync() => LiftWingTestServer.StartAsync(s =>
    {
        s.Only.Add(Model);
        s.Settings["WIKI_URL"] = _wiki.BaseUri.ToString();
        const string e = EventsOptions.Section + ":";
        s.Settings[e + "EventGateUrl"] = _gate.Url;
        s.Settings[e + "SqlitePath"] = OutboxPath;
        s.Settings[e + "BatchSize"] = "3";
        s.Settings[e + "RequestTimeout"] = "00:00:00.5";
        s.Settings[e + "Lease"] = "00:00:05";
        s.Settings[e + "RetryBase"] = "00:00:00.05";
        s.Settings[e + "RetryMax"] = "00:00:00.2";
        s.Settings[e + "PollInterval"] = "00:00:00.05";
        s.Settings[e + "ShutdownGrace"] = "00:00:00.2";
        s.Settings[e + "Models:" + Model + ":Schema"] = EventSchemas.PredictionClassificationChange11;
    });

    private static async Task PredictAsync(LiftWingTestServer server, JsonObject ev)
    {
        var body = new JsonObject { ["event"] = ev }.ToJsonString();
        using var response = await server.Client.PostAsync($"v1/models/{Model}:predict", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync()); // EventGate never fails a request
    }

    private static JsonObject Event(int n, bool valid) =>
        PageChangeEvents.Variant(n, s_revisions[n % s_revisions.Length], ev =>
        {
            if (!valid)
            {
                ev.Remove("dt"); // required by the schema: EventGate answers "invalid"
            }
        });

    [Fact]
    public async Task EventGateFailsHangsAndRecovers_ServerRestarts_EveryValidEventArrivesOnce_InvalidOnesAreDeadLettered()
    {
        _gate.Script((EventGateMode.Accept, 1), (EventGateMode.PartialErrors, 2), (EventGateMode.ServerError, 8), (EventGateMode.Hang, 2));
        var valid = 0;
        var invalid = 0;
        await using (var first = await StartServerAsync())
        {
            for (var n = 0; n < 12; n++)
            {
                var ok = n % 4 != 3;
                await PredictAsync(first, Event(n, ok));
                valid += ok ? 1 : 0;
                invalid += ok ? 0 : 1;
            }

            // Into the failure phase before the restart: what is left must survive it.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (_gate.Posts < 5 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }
        }

        await using (var between = new SqliteEventOutbox(OutboxPath, TimeProvider.System))
        {
            Assert.True((await between.GetStatsAsync(default)).Pending > 0, "the restart should find unacknowledged events");
        }

        await using (var second = await StartServerAsync())
        {
            for (var n = 100; n < 106; n++)
            {
                var ok = n % 3 != 0;
                await PredictAsync(second, Event(n, ok));
                valid += ok ? 1 : 0;
                invalid += ok ? 0 : 1;
            }

            Assert.True(await _gate.WaitForAcceptedAsync(valid, TimeSpan.FromSeconds(60)), $"accepted {_gate.AcceptedIds.Distinct().Count()} of {valid}");
            var settleDeadline = DateTime.UtcNow.AddSeconds(30);
            while (_gate.Invalid.Select(i => i.Id).Distinct().Count() < invalid && DateTime.UtcNow < settleDeadline)
            {
                await Task.Delay(20);
            }

            // EventGate has answered; wait until the server has recorded those answers (nothing pending, every dead letter
            // written) rather than for a fixed pause, which a busy machine can outlast.
            var live = second.Services.GetRequiredService<IEventOutbox>();
            var settled = await live.GetStatsAsync(default);
            while ((settled.Pending > 0 || settled.DeadLetters < invalid) && DateTime.UtcNow < settleDeadline)
            {
                await Task.Delay(20);
                settled = await live.GetStatsAsync(default);
            }
        }

        Assert.Equal(valid, _gate.AcceptedIds.Count);
        Assert.Equal(valid, _gate.AcceptedIds.Distinct().Count());
        Assert.All(_gate.Accepted, ev => Assert.Equal(EventSchemas.PredictionClassificationChange11, ev["$schema"]!.GetValue<string>()));
        Assert.All(_gate.Accepted, ev => Assert.Equal(Model, ev["predicted_classification"]!["model_name"]!.GetValue<string>()));
        Assert.All(_gate.Accepted, ev => Assert.Null(ev["meta"]!["dt"]));
        Assert.Equal("liftwing", _gate.LastUserAgent);
        Assert.True(_gate.Posts > 13, $"{_gate.Posts} posts"); // the whole script ran: 207s, 500s and hangs were retried

        await using var outbox = new SqliteEventOutbox(OutboxPath, TimeProvider.System);
        var stats = await outbox.GetStatsAsync(default);
        Assert.Equal(0, stats.Pending);
        var dead = await outbox.GetDeadLettersAsync(100, default);
        Assert.Equal(invalid, dead.Count);
        Assert.All(dead, d => Assert.Equal("invalid", d.Reason));
        Assert.All(dead, d => Assert.Contains("dt", d.Context, StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryEmittingModel_EmitsEventsThatValidate_AndOrdinaryRequestsEmitNothing()
    {
        await using var server = await StartServerAsync();
        using (var plain = await server.Client.PostAsync($"v1/models/{Model}:predict", new StringContent("""{"rev_id": 2001, "lang": "en"}""", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        }

        await PredictAsync(server, Event(1, true));
        await PredictAsync(server, Event(1, true)); // the same page_change again: the same meta.id, emitted once

        Assert.True(await _gate.WaitForAcceptedAsync(1, TimeSpan.FromSeconds(30)));
        await Task.Delay(500);
        Assert.True(_gate.Accepted.Count == 1, string.Join("\n", _gate.Accepted.Select(a => a.ToJsonString())));
        var ev = Assert.Single(_gate.Accepted);
        Assert.Empty(EventSchemas.ValidatePredictionClassificationChange(PageChangeEvents.Element(ev)));
        Assert.Equal("mediawiki.page_revert_risk_prediction_change.v1", ev["meta"]!["stream"]!.GetValue<string>());
        var predictions = ev["predicted_classification"]!["predictions"]!.AsArray().Select(p => p!.GetValue<string>()).ToArray();
        Assert.Contains(Assert.Single(predictions), new[] { "true", "false" });
        var probabilities = ev["predicted_classification"]!["probabilities"]!.AsObject();
        Assert.Equal(1.0, probabilities["true"]!.GetValue<double>() + probabilities["false"]!.GetValue<double>(), 9);

        var metrics = await server.Client.GetStringAsync("metrics");
        Assert.Contains("liftwing_events_queued", metrics, StringComparison.Ordinal);
        Assert.Contains("liftwing_events_sent", metrics, StringComparison.Ordinal);
        Assert.Contains("liftwing_events_outbox_pending", metrics, StringComparison.Ordinal);
        Assert.Contains("liftwing_events_oldest_age_seconds", metrics, StringComparison.Ordinal);
    }
}

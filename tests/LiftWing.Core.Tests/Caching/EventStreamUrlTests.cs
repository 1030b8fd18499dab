using LiftWing.Core.Caching.Precache;
using LiftWing.Tests.Common;

namespace LiftWing.Core.Tests.Caching;

public sealed class EventStreamUrlTests
{
    [Fact]
    public async Task ReadUrlAsync_StreamDrops_ReconnectsWithLastEventId()
    {
        var calls = 0;
        await using var server = new LoopbackHttpServer((req, _) => Task.FromResult(Interlocked.Increment(ref calls) == 1
            ? new CannedResponse(200, "OK", "id: 1\ndata: {\"n\":1}\n\nid: 2\ndata: {\"n\":2}\n\n"u8.ToArray(), "text/event-stream")
            : new CannedResponse(200, "OK", System.Text.Encoding.UTF8.GetBytes($"id: 3\ndata: {{\"after\":\"{req.Headers.GetValueOrDefault("last-event-id")}\"}}\n\n"), "text/event-stream")));
        using var http = new HttpClient();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var seen = new List<StreamEvent>();
        await foreach (var e in EventStreamReader.ReadUrlAsync(http, server.BaseAddress, null, TimeSpan.FromMilliseconds(10), null, cts.Token))
        {
            seen.Add(e);
            if (seen.Count == 3)
            {
                break;
            }
        }

        Assert.Equal(["1", "2", "3"], seen.Select(e => e.Id));
        Assert.Equal("{\"after\":\"2\"}", seen[2].Data);
        Assert.False(server.Requests.First().Headers.ContainsKey("last-event-id"));
    }
}

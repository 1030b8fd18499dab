using LiftWing.Core.Caching.Precache;
using LiftWing.Tests.Common;

namespace LiftWing.Core.Tests.Caching;

public sealed class PrecacheInputTests
{
    [Fact]
    public void TryBuild_SharedPageChangePayload_RevIdAndLang()
    {
        var json = File.ReadAllText(TestPaths.SharedData("liftwing", "events", "enwiki_page_change_payload.json"));
        Assert.True(PageChangeRequest.TryBuild(json, eventMode: false, out var body, out _));
        using (body)
        {
            Assert.Equal("{\"rev_id\":1319367938,\"lang\":\"en\"}", body!.RootElement.GetRawText());
        }

        Assert.True(PageChangeRequest.TryBuild(json, eventMode: true, out var ev, out _));
        using (ev)
        {
            Assert.Equal(1319367938, ev!.RootElement.GetProperty("event").GetProperty("revision").GetProperty("rev_id").GetInt64());
        }
    }

    [Fact]
    public void TryBuild_DeleteOrNoRevision_Skipped()
    {
        Assert.False(PageChangeRequest.TryBuild("{\"page_change_kind\":\"delete\",\"wiki_id\":\"enwiki\",\"revision\":{\"rev_id\":1}}", false, out _, out var why));
        Assert.Equal("page deleted", why);
        Assert.False(PageChangeRequest.TryBuild("{\"wiki_id\":\"enwiki\"}", false, out _, out _));
        Assert.False(PageChangeRequest.TryBuild("not json", false, out _, out _));
    }

    [Fact]
    public async Task ReadAsync_SseAndJsonLines_YieldsEventsWithIds()
    {
        var text = ": comment\nevent: message\nid: [{\"offset\":1}]\ndata: {\"a\":1}\n\nid: [{\"offset\":2}]\ndata: {\"a\":\ndata: 2}\n\n{\"b\":3}\n";
        var events = new List<StreamEvent>();
        await foreach (var e in EventStreamReader.ReadAsync(new StringReader(text), default))
        {
            events.Add(e);
        }

        Assert.Equal(3, events.Count);
        Assert.Equal(new StreamEvent("[{\"offset\":1}]", "{\"a\":1}"), events[0]);
        Assert.Equal(new StreamEvent("[{\"offset\":2}]", "{\"a\":\n2}"), events[1]);
        Assert.Equal(new StreamEvent(null, "{\"b\":3}"), events[2]);
    }
}

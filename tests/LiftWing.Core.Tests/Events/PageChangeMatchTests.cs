using System.Text.Json.Nodes;
using LiftWing.Core.Events;
using LiftWing.Tests.Common.Events;

namespace LiftWing.Core.Tests.Events;

public sealed class PageChangeMatchTests
{
    private static bool Matches(Action<JsonObject>? change = null)
    {
        var ev = PageChangeEvents.Recorded();
        change?.Invoke(ev);
        return PageChangeMatch.RevertRiskLanguageAgnostic().Matches(PageChangeEvents.Element(ev), out _);
    }

    [Fact]
    public void RecordedEnwikiEdit_Matches() => Assert.True(Matches());

    [Theory]
    [InlineData("canary")]
    [InlineData("namespace")]
    [InlineData("redirect")]
    [InlineData("commons")]
    [InlineData("wiktionary")]
    [InlineData("delete")]
    [InlineData("visibility")]
    public void RevertRiskRule_RejectsWhatChangepropFilters(string what) =>
        Assert.False(Matches(ev =>
        {
            switch (what)
            {
                case "canary": ev["meta"]!["domain"] = "canary"; break;
                case "namespace": ev["page"]!["namespace_id"] = 1; break;
                case "redirect": ev["page"]!["is_redirect"] = true; break;
                case "commons": ev["wiki_id"] = "commonswiki"; break;
                case "wiktionary": ev["wiki_id"] = "enwiktionary"; break;
                case "delete": ev["page_change_kind"] = "delete"; break;
                case "visibility": ev["page_change_kind"] = "visibility_change"; break;
            }
        }));

    [Theory]
    [InlineData("create")]
    [InlineData("move")]
    public void RevertRiskRule_AcceptsCreationsAndMoves(string kind) => Assert.True(Matches(ev => ev["page_change_kind"] = kind));

    [Fact]
    public void AnyRule_StillDropsCanaryEvents()
    {
        var ev = PageChangeEvents.Recorded();
        ev["meta"]!["domain"] = "canary";

        Assert.False(PageChangeMatch.Any().Matches(PageChangeEvents.Element(ev), out var reason));
        Assert.Equal("canary event", reason);
    }
}

using LiftWing.Server.Protocols.Ores;

namespace LiftWing.Server.Tests.Ores;

public sealed class OresCatalogueTests
{
    [Fact]
    public void BuiltIn_HasOres48Contexts_AndResolvesBackends()
    {
        var catalogue = OresCatalogueLoader.Load(null);

        Assert.Equal(48, catalogue.Contexts.Count);
        Assert.True(catalogue.TryGet("enwiki", out var enwiki));
        Assert.Equal(["articlequality", "articletopic", "damaging", "draftquality", "drafttopic", "goodfaith", "wp10"], enwiki.DefaultModels.Select(m => m.Name));
        Assert.True(enwiki.TryGet("wp10", out var wp10));
        Assert.Equal(("enwiki-articlequality", "revscoring-articlequality", OresBackendKind.Auto), (wp10.Isvc, wp10.Namespace, wp10.Backend));
        Assert.True(enwiki.TryGet("revertrisk", out var rr));
        Assert.Equal((OresBackendKind.LiftWing, "revertrisk-language-agnostic", true), (rr.Backend, rr.LiftWingModel, rr.ExplicitOnly));
        Assert.True(catalogue.TryGet("wikidatawiki", out var wikidata));
        Assert.True(wikidata.TryGet("itemtopic", out var itemtopic));
        Assert.Equal("revscoring-articletopic", itemtopic.Namespace);
        Assert.True(catalogue.TryGet("frwikisource", out var ws));
        Assert.True(ws.TryGet("pagelevel", out var pagelevel));
        Assert.Equal(OresBackendKind.None, pagelevel.Backend);
    }

    [Theory]
    [InlineData("contexts: {}", "'contexts' must be a non-empty mapping")]
    [InlineData("contexts:\n  enwiki:\n    models:\n      damaging: {}", "enwiki.damaging needs a 'version'")]
    [InlineData("contexts:\n  enwiki:\n    models:\n      damaging: {version: 1, backend: grpc}", "backend 'grpc' is not auto, upstream, liftwing or none")]
    [InlineData("contexts:\n  enwiki:\n    models:\n      damaging: {version: 1, backend: liftwing}", "backend liftwing needs 'liftwing_model'")]
    [InlineData("contexts:\n  'en/wiki':\n    models:\n      damaging: {version: 1}", "context name 'en/wiki' must be")]
    [InlineData("contexts:\n  enwiki:\n    models:\n      'dam aging': {version: 1}", "model name 'dam aging' must be")]
    [InlineData("- a list", "the catalogue is not a YAML mapping")]
    public void Invalid_NamesTheProblem(string yaml, string message)
    {
        var ex = Assert.Throws<InvalidDataException>(() => OresCatalogueLoader.Parse(new StringReader(yaml)));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }
}

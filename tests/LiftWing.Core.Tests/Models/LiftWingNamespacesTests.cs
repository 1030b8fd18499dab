using LiftWing.Core.Models;

namespace LiftWing.Core.Tests.Models;

public sealed class LiftWingNamespacesTests
{
    [Theory]
    [InlineData("langid", "llm")]
    [InlineData("articlequality", "article-models")]
    [InlineData("revertrisk-language-agnostic", "revertrisk")]
    [InlineData("revertrisk-multilingual", "revertrisk")]
    [InlineData("logo-detection", "logo-detection")]
    [InlineData("outlink-topic-model", "articletopic-outlink")]
    [InlineData("llm-aya", "llm")]
    [InlineData("enwiki-damaging", "revscoring-editquality-damaging")]
    [InlineData("wikidatawiki-itemquality", "revscoring-articlequality")]
    public void DefaultFor_LiftWingsServices_IsTheirNamespace(string model, string ns) => Assert.Equal(ns, LiftWingNamespaces.DefaultFor(model));

    [Theory]
    [InlineData("all-MiniLM-L6-v2")]
    [InlineData("example-linear")]
    public void DefaultFor_ModelsLiftWingDoesNotServe_IsNull(string model) => Assert.Null(LiftWingNamespaces.DefaultFor(model));

    [Fact]
    public void EffectiveNamespaces_ModelYamlWins_AndEmptyTurnsItOff()
    {
        Assert.Equal(["llm"], new ModelConfig { Name = "langid", Server = "langid" }.EffectiveNamespaces);
        Assert.Equal(["x"], new ModelConfig { Name = "langid", Server = "langid", Namespaces = ["x"] }.EffectiveNamespaces);
        Assert.Empty(new ModelConfig { Name = "langid", Server = "langid", Namespaces = [] }.EffectiveNamespaces);
    }

    [Theory]
    [InlineData("llm", true)]
    [InlineData("revscoring-editquality-damaging", true)]
    [InlineData("Llm", false)]
    [InlineData("-llm", false)]
    [InlineData("a_b", false)]
    [InlineData("", false)]
    public void IsValid_IsAnRfc1123Label(string name, bool valid) => Assert.Equal(valid, LiftWingNamespaces.IsValid(name));
}

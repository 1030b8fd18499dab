using LiftWing.Server.Routing;

namespace LiftWing.Server.Tests.Routing;

public sealed class HostRoutingTests
{
    [Theory]
    [InlineData("langid.llm.wikimedia.org", "langid", "llm")]
    [InlineData("langid.llm.wikimedia.org:30443", "langid", "llm")]
    [InlineData("revertrisk-language-agnostic.revertrisk.wikimedia.org.", "revertrisk-language-agnostic", "revertrisk")]
    [InlineData("LANGID.LLM.WIKIMEDIA.ORG", "LANGID", "LLM")]
    public void TryParse_LiftWingsInternalHost_GivesModelAndNamespace(string host, string model, string ns)
    {
        Assert.True(HostRouting.TryParse(host, out var m, out var n));
        Assert.Equal(model, m.ToString());
        Assert.Equal(ns, n.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("127.0.0.1:8080")]
    [InlineData("api.wikimedia.org")]
    [InlineData("a.b.c.wikimedia.org")]
    [InlineData(".llm.wikimedia.org")]
    [InlineData("langid..wikimedia.org")]
    [InlineData("langid.llm.wikimedia.org.evil.example")]
    [InlineData("langid.llmwikimedia.org")]
    public void TryParse_OtherHosts_SelectNothing(string host) => Assert.False(HostRouting.TryParse(host, out _, out _));

    [Fact]
    public void Select_OrdinaryHosts_AllocateNothingAndNeverLookUpAModel()
    {
        // The hot path: every request not addressed to Lift Wing's internal Host stops at the suffix test.
        string[] hosts = ["127.0.0.1:8080", "localhost", "api.wikimedia.org", "liftwing.example:443"];
        foreach (var host in hosts)
        {
            Assert.Null(HostRouting.Select(host, null!));
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            foreach (var host in hosts)
            {
                _ = HostRouting.Select(host, null!);
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}

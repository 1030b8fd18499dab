using LiftWing.Server.Slo;
using Microsoft.Extensions.Configuration;

namespace LiftWing.Server.Tests.Slo;

public sealed class SloOptionsTests
{
    private static (SloOptions Options, IReadOnlyList<string> Errors) Load(params (string Key, string Value)[] values) =>
        SloConfiguration.Load(new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build());

    [Fact]
    public void Defaults_AreValid_AndApplyToEveryModel()
    {
        var (o, errors) = Load();
        Assert.Empty(errors);
        Assert.Equal(new SloObjective(0.995, 0.9, TimeSpan.FromSeconds(1)), o.For("anything"));
    }

    [Fact]
    public void Override_InheritsWhatItDoesNotSet()
    {
        var (o, errors) = Load(("LiftWing:Slo:Models:langid:LatencyThreshold", "00:00:00.25"));
        Assert.Empty(errors);
        Assert.Equal(new SloObjective(0.995, 0.9, TimeSpan.FromMilliseconds(250)), o.For("langid"));
    }

    [Fact]
    public void Buckets_ContainEveryThreshold()
    {
        var (o, _) = Load(("LiftWing:Slo:LatencyThreshold", "00:00:00.7"), ("LiftWing:Slo:Models:a:LatencyThreshold", "00:00:00.123"));
        var buckets = SloBuckets.For(o);
        Assert.Contains(0.7, buckets);
        Assert.Contains(0.123, buckets);
        Assert.Equal(buckets.Order().Distinct(), buckets);
    }

    [Theory]
    [InlineData("LiftWing:Slo:Availability", "1", "LiftWing:Slo:Availability must be between 0 and 1")]
    [InlineData("LiftWing:Slo:Latency", "0", "LiftWing:Slo:Latency must be between 0 and 1")]
    [InlineData("LiftWing:Slo:LatencyThreshold", "00:02:00", "LiftWing:Slo:LatencyThreshold must be between 1 ms and 60 s")]
    [InlineData("LiftWing:Slo:RollingWindow", "100.00:00:00", "LiftWing:Slo:RollingWindow must be whole hours")]
    [InlineData("LiftWing:Slo:Models:x\"y:Latency", "0.9", "invalid model name")]
    [InlineData("LiftWing:Slo:Models:m:Availability", "-0.5", "LiftWing:Slo:Models:m:Availability must be between 0 and 1")]
    [InlineData("LiftWing:Slo:Availability", "lots", "LiftWing:Slo:Availability")]
    public void Invalid_IsRejected_NamingTheKey(string key, string value, string message)
    {
        var (_, errors) = Load((key, value));
        Assert.Contains(errors, e => e.Contains(message, StringComparison.Ordinal));
    }
}

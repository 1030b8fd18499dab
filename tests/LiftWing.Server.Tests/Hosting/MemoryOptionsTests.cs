using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiftWing.Server.Tests.Hosting;

public sealed class MemoryOptionsTests
{
    private static MemoryOptions Bind(params (string Key, string Value)[] values)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLiftWingRequestLimits();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<MemoryOptions>>().Value;
    }

    [Fact]
    public void Defaults_FixTheMmapThresholdAtGlibcsStart_AndTrimAfterLoad()
    {
        var o = Bind();
        Assert.Equal(128, o.MallocMmapThresholdKB);
        Assert.True(o.TrimAfterLoad);
        Assert.Equal(TimeSpan.FromSeconds(10), o.IdleTrimInterval);
    }

    [Fact]
    public void Binds_FromLiftWingMemory()
    {
        var o = Bind(("LiftWing:Memory:MallocMmapThresholdKB", "0"), ("LiftWing:Memory:TrimAfterLoad", "false"), ("LiftWing:Memory:HeapHardLimitMB", "512"));
        Assert.Equal(0, o.MallocMmapThresholdKB);
        Assert.False(o.TrimAfterLoad);
        Assert.Equal(512, o.HeapHardLimitMB);
    }

    [Theory]
    [InlineData("LiftWing:Memory:MallocMmapThresholdKB", "-1", "MallocMmapThresholdKB")]
    [InlineData("LiftWing:Memory:MallocMmapThresholdKB", "32769", "MallocMmapThresholdKB")]
    [InlineData("LiftWing:Memory:HeapHardLimitMB", "-5", "HeapHardLimitMB")]
    [InlineData("LiftWing:Memory:BurstBytes", "0", "BurstBytes")]
    public void Invalid_IsRejected_NamingTheSetting(string key, string value, string name)
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Bind((key, value)));
        Assert.Contains(name, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unparsable_IsRejected()
    {
        Assert.Throws<InvalidOperationException>(() => Bind(("LiftWing:Memory:TrimAfterLoad", "sometimes")));
    }
}

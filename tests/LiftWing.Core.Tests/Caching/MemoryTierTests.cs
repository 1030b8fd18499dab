using LiftWing.Core.Caching;
using Microsoft.Extensions.Time.Testing;

namespace LiftWing.Core.Tests.Caching;

public sealed class MemoryTierTests
{
    private static CachedResponse Bytes(int n) => new(200, new byte[n]);

    [Fact]
    public void TryGet_AfterTtl_MissesAndFreesBytes()
    {
        var time = new FakeTimeProvider();
        var tier = new MemoryTier(1 << 20, time);
        tier.Set("m:1:a", "m", Bytes(100), TimeSpan.FromSeconds(10));
        Assert.True(tier.TryGet("m:1:a", out _));
        time.Advance(TimeSpan.FromSeconds(11));
        Assert.False(tier.TryGet("m:1:a", out _));
        Assert.Equal(0, tier.Bytes);
        Assert.Equal(0, tier.Count);
    }

    [Fact]
    public void Set_OverBudget_EvictsUnreferencedBeforeReferenced()
    {
        var time = new FakeTimeProvider();
        var tier = new MemoryTier(3 * 1200, time);
        tier.Set("hot", "m", Bytes(1000), TimeSpan.FromHours(1));
        tier.Set("cold", "m", Bytes(1000), TimeSpan.FromHours(1));
        Assert.True(tier.TryGet("hot", out _)); // second chance for "hot"
        tier.Set("new1", "m", Bytes(1000), TimeSpan.FromHours(1));
        tier.Set("new2", "m", Bytes(1000), TimeSpan.FromHours(1));
        Assert.True(tier.Bytes <= tier.CapacityBytes);
        Assert.True(tier.TryGet("hot", out _));
        Assert.False(tier.TryGet("cold", out _));
        Assert.True(tier.TryGet("new2", out _));
    }

    [Fact]
    public void Set_ManyEntries_StaysWithinBudget()
    {
        var tier = new MemoryTier(64 * 1024, new FakeTimeProvider());
        for (var i = 0; i < 10_000; i++)
        {
            tier.Set("k" + i, i % 2 == 0 ? "a" : "b", Bytes(200), TimeSpan.FromHours(1));
            tier.TryGet("k" + (i / 2), out _);
        }

        Assert.InRange(tier.Bytes, 1, tier.CapacityBytes);
        Assert.Equal(tier.Bytes, tier.Usage.Sum(u => u.Value.Bytes));
        Assert.Equal(tier.Count, tier.Usage.Sum(u => u.Value.Entries));
    }

    [Fact]
    public void RemovePrefix_OneVersion_LeavesOthers()
    {
        var tier = new MemoryTier(1 << 20, new FakeTimeProvider());
        tier.Set("m:1:a", "m", Bytes(10), TimeSpan.FromHours(1));
        tier.Set("m:2:a", "m", Bytes(10), TimeSpan.FromHours(1));
        Assert.Equal(1, tier.RemovePrefix(PredictionKey.Prefix("m", "1")));
        Assert.False(tier.TryGet("m:1:a", out _));
        Assert.True(tier.TryGet("m:2:a", out _));
    }

    [Fact]
    public void TryDecode_CorruptOrForeignEntry_Fails()
    {
        var entry = CacheEntryCodec.Encode("m:1:a", 200, "{\"x\":1}"u8);
        Assert.True(CacheEntryCodec.TryDecode("m:1:a", entry, out var status, out var body));
        Assert.Equal(200, status);
        Assert.Equal("{\"x\":1}"u8.ToArray(), body.ToArray());
        Assert.False(CacheEntryCodec.TryDecode("m:1:b", entry, out _, out _));
        var flipped = (byte[])entry.Clone();
        flipped[^10] ^= 0x20;
        Assert.False(CacheEntryCodec.TryDecode("m:1:a", flipped, out _, out _));
        Assert.False(CacheEntryCodec.TryDecode("m:1:a", entry[..^3], out _, out _));
        Assert.False(CacheEntryCodec.TryDecode("m:1:a", "garbage"u8.ToArray(), out _, out _));
    }
}

using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Server.Gateway;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiftWing.FunctionalTests.Gateway;

/// <summary>Two replicas' counter stores on one real redis-server: chunked reservations never over-admit.</summary>
public sealed class RedisCounterStoreTests
{
    [Theory]
    [InlineData(10_000, 10)]
    [InlineData(3, 1)]
    public async Task TwoReplicas_TogetherAdmitAtMostTheLimit_AndLoseAtMostOneChunk(long limit, long chunk)
    {
        await using var redis = await RedisServer.StartAsync();
        Assert.Equal(chunk, RedisCounterStore.ChunkFor(limit));
        using var a = new RedisCounterStore(redis.Endpoint, "lw:rl:", TimeSpan.FromSeconds(2), TimeProvider.System, NullLogger<RedisCounterStore>.Instance);
        using var b = new RedisCounterStore(redis.Endpoint, "lw:rl:", TimeSpan.FromSeconds(2), TimeProvider.System, NullLogger<RedisCounterStore>.Instance);
        var end = DateTimeOffset.UtcNow.AddHours(1);
        var admitted = 0L;
        for (var i = 0; i < limit + 50; i++)
        {
            // Uneven interleaving: a takes two for each of b's, so reservations cross.
            var store = i % 3 == 2 ? b : a;
            if (await store.TryAcquireAsync("LiftWing:anon:x-client-ip:192.0.2.1:3600:0", limit, end, CancellationToken.None))
            {
                admitted++;
            }
        }

        Assert.InRange(admitted, limit - chunk, limit);
        // Once exhausted, both replicas refuse.
        Assert.False(await a.TryAcquireAsync("LiftWing:anon:x-client-ip:192.0.2.1:3600:0", limit, end, CancellationToken.None));
        Assert.False(await b.TryAcquireAsync("LiftWing:anon:x-client-ip:192.0.2.1:3600:0", limit, end, CancellationToken.None));
    }
}

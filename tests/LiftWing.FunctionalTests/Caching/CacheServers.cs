using LiftWing.Core.Caching;
using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Tests.Common;
using Microsoft.Extensions.DependencyInjection;

namespace LiftWing.FunctionalTests.Caching;

/// <summary>Starts LiftWing servers with the echo models and a prediction cache, as <c>serve --cache ...</c> would.</summary>
internal static class CacheServers
{
    public static TempModels EchoModels(string version = "1") => TempModels.Create(
        ("echo", TempModels.EchoYaml("echo", version)),
        ("batch", $"name: batch\nserver: {BatchEchoModel.ServerType}\nversion: \"{version}\"\n"));

    public static Task<LiftWingTestServer> StartAsync(TempModels models, Action<PredictionCacheOptions> cache) =>
        LiftWingTestServer.StartAsync(s =>
        {
            s.ModelsDirectory = models.Directory;
            s.ConfigureServices = services =>
            {
                services.AddModelServer(EchoModel.ServerType, static (c, _) => new EchoModel(c));
                services.AddModelServer(BatchEchoModel.ServerType, static (c, _) => new BatchEchoModel(c));
                services.AddLiftWingPredictionCache(cache);
            };
        });

    public static Action<PredictionCacheOptions> Redis(RedisServer redis) => o =>
    {
        o.Store = CacheStoreKind.Redis;
        o.Redis = redis.Endpoint;
        o.StoreRetryAfter = TimeSpan.FromMilliseconds(200);
    };

    /// <summary>
    /// Redis with the store's time budgets (50 ms read, 250 ms write) widened to 5 s, for tests whose point is an L2
    /// round trip: on a loaded test machine the defaults turn that round trip into a skip (as in ServeProcessCacheTests).
    /// </summary>
    public static Action<PredictionCacheOptions> RedisWithRoomForLoad(RedisServer redis) => o =>
    {
        Redis(redis)(o);
        o.StoreTimeout = TimeSpan.FromSeconds(5);
        o.StoreWriteTimeout = TimeSpan.FromSeconds(5);
    };

    public static Action<PredictionCacheOptions> Sqlite(string path) => o =>
    {
        o.Store = CacheStoreKind.Sqlite;
        o.SqlitePath = path;
    };

    public static EchoModel Echo(LiftWingTestServer server) => server.Model<EchoModel>("echo");

    public static string Header(HttpResponseMessage r, string name) =>
        r.Headers.TryGetValues(name, out var v) ? string.Join(",", v) : "";
}

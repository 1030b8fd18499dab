using System.Net;
using System.Text;
using System.Text.Json;
using LiftWing.FunctionalTests.Infrastructure;
using static LiftWing.FunctionalTests.Caching.CacheServers;

namespace LiftWing.FunctionalTests.Caching;

/// <summary>
/// A SQLite cache file that cannot be used (truncated, random bytes, a directory, read-only) degrades to
/// uncached answers: predictions of cached and uncached models answer 200, and readiness reports the store.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class BrokenCacheFileTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "lw-broken-cache-" + Guid.NewGuid().ToString("N"));

    public BrokenCacheFileTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        File.SetUnixFileMode(_dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        foreach (var f in Directory.EnumerateFiles(_dir, "*", SearchOption.AllDirectories))
        {
            File.SetAttributes(f, FileAttributes.Normal);
        }

        Directory.Delete(_dir, recursive: true);
    }

    public static TheoryData<string> Breakages => ["truncated", "garbage", "directory", "read-only"];

    [Theory]
    [MemberData(nameof(Breakages))]
    public async Task Predict_WithABrokenSqliteFile_Answers200Uncached(string breakage)
    {
        var db = Path.Combine(_dir, "cache.db");
        await BreakAsync(db, breakage);
        using var models = EchoModels();
        await using var server = await StartAsync(models, Sqlite(db));
        for (var i = 0; i < 3; i++)
        {
            using var r = await server.Client.PostAsync("v1/models/echo:predict", new StringContent("{\"n\":1}", Encoding.UTF8, "application/json"));
            var text = await r.Content.ReadAsStringAsync();
            Assert.True(r.StatusCode == HttpStatusCode.OK, $"{breakage}: {(int)r.StatusCode} {text}");
            Assert.Equal("{\"echo\":{\"n\":1},\"model\":\"echo\"}", text);
        }

        using var ready = await server.Client.GetAsync("v2/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var cache = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("cache");
        Assert.Equal("sqlite", cache.GetProperty("store").GetString());
        if (breakage != "read-only" || !IsRoot)
        {
            // As root a read-only file is still writable, so that store works.
            Assert.Equal("unavailable", cache.GetProperty("status").GetString());
            Assert.False(string.IsNullOrEmpty(cache.GetProperty("reason").GetString()));
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static async Task BreakAsync(string db, string breakage)
    {
        switch (breakage)
        {
            case "truncated":
                await MakeValidDbAsync(db);
                var bytes = await File.ReadAllBytesAsync(db);
                await File.WriteAllBytesAsync(db, bytes[..Math.Min(bytes.Length, 100)]);
                break;
            case "garbage":
                var random = new byte[64 * 1024];
                new Random(13).NextBytes(random);
                await File.WriteAllBytesAsync(db, random);
                break;
            case "directory":
                Directory.CreateDirectory(db);
                break;
            case "read-only":
                await MakeValidDbAsync(db);
                File.SetUnixFileMode(db, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
                File.SetUnixFileMode(Path.GetDirectoryName(db)!, UnixFileMode.UserRead | UnixFileMode.UserExecute);
                break;
        }
    }

    private static async Task MakeValidDbAsync(string db)
    {
        await using var store = new LiftWing.Core.Caching.SqlitePredictionStore(db, TimeProvider.System, TimeSpan.Zero);
        await store.SetAsync(new("echo", "1", "k"), new byte[] { 1, 2, 3 }, TimeSpan.FromHours(1), default);
    }
}

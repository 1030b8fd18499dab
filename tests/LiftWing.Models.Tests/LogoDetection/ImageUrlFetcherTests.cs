using System.Text.Json;
using System.Text.Json.Nodes;
using LiftWing.Core.Errors;
using LiftWing.Models.LogoDetection;
using LiftWing.Tests.Common;
using static LiftWing.Models.Tests.LogoDetection.LogoRequests;

namespace LiftWing.Models.Tests.LogoDetection;

public sealed class ImageUrlFetcherTests
{
    private static ImageUrlOptions Local(params string[] hosts) =>
        new() { AllowedHosts = hosts, AllowedSchemes = ["http"], TimeoutSeconds = 2 };

    [Fact]
    public async Task FetchAsync_DefaultAllowList_RefusesLocalServer()
    {
        await using var server = new LocalHttpServer();
        server.MapBytes("/logo.png", Sample("Cambia_logo.png"));
        using var fetcher = new ImageUrlFetcher(new ImageUrlOptions(), 4 << 20, new HttpClient(ImageUrlFetcher.CreateHandler()));
        var ex = await Assert.ThrowsAsync<InvalidInputException>(() => fetcher.FetchAsync(server.Url("/logo.png"), CancellationToken.None));
        Assert.Contains("scheme 'http' is not allowed", ex.Message);
        using var httpsOnlyHost = new ImageUrlFetcher(new ImageUrlOptions { AllowedSchemes = ["http"] }, 4 << 20, new HttpClient(ImageUrlFetcher.CreateHandler()));
        ex = await Assert.ThrowsAsync<InvalidInputException>(() => httpsOnlyHost.FetchAsync(server.Url("/logo.png"), CancellationToken.None));
        Assert.Equal($"Error downloading image from {server.Url("/logo.png")}: host '127.0.0.1' is not in the allow-list (upload.wikimedia.org).", ex.Message);
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public async Task FetchAsync_AllowedNameResolvingToLoopback_RefusedAtConnect()
    {
        await using var server = new LocalHttpServer();
        server.MapBytes("/logo.png", Sample("Cambia_logo.png"));
        using var fetcher = new ImageUrlFetcher(Local("localhost"), 4 << 20, new HttpClient(ImageUrlFetcher.CreateHandler()));
        var url = $"http://localhost:{server.Port}/logo.png";
        var ex = await Assert.ThrowsAsync<InvalidInputException>(() => fetcher.FetchAsync(url, CancellationToken.None));
        Assert.Contains("resolves to a private or loopback address", ex.Message);
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public async Task FetchAsync_LiteralAddressAllowListed_Downloads()
    {
        await using var server = new LocalHttpServer();
        var png = Sample("Cambia_logo.png");
        server.MapBytes("/logo.png", png);
        using var fetcher = new ImageUrlFetcher(Local("127.0.0.1"), 4 << 20, new HttpClient(ImageUrlFetcher.CreateHandler()));
        Assert.Equal(png, await fetcher.FetchAsync(server.Url("/logo.png"), CancellationToken.None));
    }

    [Fact]
    public async Task FetchAsync_RedirectToOtherHost_Refused_SameHostFollowed()
    {
        await using var server = new LocalHttpServer();
        var png = Sample("Cambia_logo.png");
        server.MapBytes("/logo.png", png);
        server.MapRedirect("/away", "http://169.254.169.254/latest/meta-data");
        server.MapRedirect("/here", "/logo.png");
        using var fetcher = new ImageUrlFetcher(Local("127.0.0.1"), 4 << 20, new HttpClient(ImageUrlFetcher.CreateHandler()));
        var ex = await Assert.ThrowsAsync<InvalidInputException>(() => fetcher.FetchAsync(server.Url("/away"), CancellationToken.None));
        Assert.Contains("host '169.254.169.254' is not in the allow-list", ex.Message);
        Assert.Equal(png, await fetcher.FetchAsync(server.Url("/here"), CancellationToken.None));
    }

    [Fact]
    public async Task FetchAsync_BodyOverCapWithoutContentLength_StoppedWhileStreaming()
    {
        await using var server = new LocalHttpServer();
        server.MapBytes("/big", new byte[3 << 20], sendLength: false);
        server.MapBytes("/declared", new byte[3 << 20]);
        using var fetcher = new ImageUrlFetcher(Local("127.0.0.1"), 1 << 20, new HttpClient(ImageUrlFetcher.CreateHandler()));
        var ex = await Assert.ThrowsAsync<InvalidInputException>(() => fetcher.FetchAsync(server.Url("/big"), CancellationToken.None));
        Assert.Equal($"Image: {server.Url("/big")}                 exceeds the maximum allowed size of 1048576 bytes.", ex.Message);
        ex = await Assert.ThrowsAsync<InvalidInputException>(() => fetcher.FetchAsync(server.Url("/declared"), CancellationToken.None));
        Assert.Contains("exceeds the maximum allowed size", ex.Message);
    }

    [Fact]
    public async Task FetchAsync_SlowServer_TimesOutAs400()
    {
        await using var server = new LocalHttpServer();
        server.Map("/slow", (_, ct) => Task.Delay(TimeSpan.FromSeconds(30), ct));
        using var fetcher = new ImageUrlFetcher(Local("127.0.0.1"), 4 << 20, new HttpClient(ImageUrlFetcher.CreateHandler()));
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<InvalidInputException>(() => fetcher.FetchAsync(server.Url("/slow"), CancellationToken.None));
        Assert.Contains("timed out after 2 s", ex.Message);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task FetchAsync_NotFound_400WithStatus()
    {
        await using var server = new LocalHttpServer();
        using var fetcher = new ImageUrlFetcher(Local("127.0.0.1"), 4 << 20, new HttpClient(ImageUrlFetcher.CreateHandler()));
        var ex = await Assert.ThrowsAsync<InvalidInputException>(() => fetcher.FetchAsync(server.Url("/missing.png"), CancellationToken.None));
        Assert.Contains("the server answered 404", ex.Message);
    }
}

using System.Net;
using System.Net.Sockets;
using LiftWing.Server.Protocols.Ores;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiftWing.Server.Tests.Ores;

public sealed class OresUpstreamClientTests
{
    private static ServiceProvider Services(string upstream, params (string Key, string Value)[] settings)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string, string?> { ["LiftWing:Ores:Upstream"] = upstream }.Concat(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(config).AddLogging();
        services.AddLiftWingCore();
        services.AddLiftWingOres();
        return services.BuildServiceProvider();
    }

    private static OresModelEntry Entry() => new()
    {
        Context = "enwiki", Name = "damaging", Version = "0.5.1", Backend = OresBackendKind.Upstream,
        IsvcModel = "damaging", Namespace = "revscoring-editquality-damaging",
    };

    [Fact]
    public async Task ConnectionRefused_IsClientConnectorErrorScore()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        await using var sp = Services($"http://127.0.0.1:{port}", ("LiftWing:Ores:UpstreamRetries", "0"));
        var score = await sp.GetRequiredService<OresUpstreamClient>().ScoreAsync(Entry(), 123, false, CancellationToken.None);

        Assert.Equal("ClientConnectorError", score.ErrorType);
        Assert.StartsWith($"Cannot connect to host 127.0.0.1:{port} ssl:False [", score.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("0.5.1", score.Version);
    }

    [Theory]
    [InlineData("ftp://x", "is not an absolute http(s) URL")]
    [InlineData("not a url", "is not an absolute http(s) URL")]
    public async Task InvalidUpstream_FailsAtStart(string upstream, string message)
    {
        await using var sp = Services(upstream);

        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<OresOptions>>().Value);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingCatalogueFile_FailsAtStart()
    {
        await using var sp = Services("http://127.0.0.1:1", ("LiftWing:Ores:Catalogue", "/nonexistent/catalogue.yaml"));

        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<OresOptions>>().Value);
        Assert.Contains("LiftWing:Ores:Catalogue", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(OresOptions.PublicLiftWing, null, false)]
    [InlineData("http://localhost:6031", null, true)]
    [InlineData(OresOptions.PublicLiftWing, true, true)]
    [InlineData("http://localhost:6031", false, false)]
    public void HostHeader_IsSentExceptToThePublicApi(string upstream, bool? send, bool expected) =>
        Assert.Equal(expected, new OresOptions { Upstream = upstream, SendHostHeader = send }.HostHeaderWanted);
}

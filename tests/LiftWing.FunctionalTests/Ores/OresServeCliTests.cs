using System.Globalization;
using System.Net;
using System.Text.Json;
using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Tests.Common;

namespace LiftWing.FunctionalTests.Ores;

/// <summary><c>liftwing serve --ores-upstream URL</c>: the real CLI process calls the given upstream Lift Wing.</summary>
public sealed class OresServeCliTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Serve_WithOresUpstream_AnswersFromThatUpstream()
    {
        await using var upstream = FakeLiftWingUpstream.FromRecorded(OresServerFixture.Recorded("liftwing_responses.json"));
        var port = LiftWingTestServer.FreePort();
        using var p = CliRunner.Start(TestPaths.RepoRoot, "serve", "--port", port.ToString(CultureInfo.InvariantCulture), "--only", "example-linear",
            "--cache", "memory", "--ores-upstream", upstream.BaseAddress.ToString());
        var output = CliRunner.Capture(p);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            HttpResponseMessage? response = null;
            var deadline = DateTime.UtcNow + s_timeout;
            while (DateTime.UtcNow < deadline && !p.HasExited && response is null)
            {
                try
                {
                    response = await client.GetAsync(new Uri("v3/scores/enwiki/1097728152/goodfaith", UriKind.Relative));
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(100);
                }
            }

            Assert.True(response is not null, "no answer: " + output);
            var body = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
            var recorded = JsonDocument.Parse(File.ReadAllText(OresServerFixture.Recorded("liftwing_responses.json"))).RootElement.GetProperty("responses").GetProperty("goodfaith");
            JsonDeep.Equal(recorded, body);
            Assert.Equal("enwiki-goodfaith.revscoring-editquality-goodfaith.wikimedia.org", Assert.Single(upstream.Calls).Host);
        }
        finally
        {
            p.Kill(true);
        }
    }

    [Fact]
    public async Task Serve_WithInvalidOresUpstream_FailsAtStartNamingIt()
    {
        var (code, stdout, stderr) = await CliRunner.RunAsync(TestPaths.RepoRoot, null, s_timeout, "serve", "--only", "example-linear", "--port", "0", "--ores-upstream", "ftp://example.org");

        Assert.NotEqual(0, code);
        Assert.Contains("'ftp://example.org' is not an absolute http(s) URL.", stdout + stderr, StringComparison.Ordinal);
    }
}

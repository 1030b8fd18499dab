using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Tests.Common;

namespace LiftWing.FunctionalTests.Security;

/// <summary>
/// The reported injection, end to end: <c>liftwing models pull</c> on a model folder whose nuget: URI carries
/// an MSBuild <c>Exec</c>. The payload would create a marker file; the pull must refuse the model and the marker
/// must never appear (no restore, no npm, no process at all for it).
/// </summary>
public sealed class ModelSupplyChainTests
{
    [Theory]
    [InlineData("nuget:X\" /></ItemGroup><Target Name=\"P\" BeforeTargets=\"Restore\"><Exec Command=\"touch {0}\" /></Target><ItemGroup><PackageDownload Include=\"Y@1.0.0#a.dll", "nuget package id")]
    [InlineData("nuget:Foo@1.0.0]\" /><Exec Command=\"touch {0}\" /><X Y=\"#a.dll", "not an exact NuGet version")]
    [InlineData("npm:$(touch {0})@1.0.0#package.json", "not an npm name")]
    public async Task ModelsPull_RefusesTheInjection_AndRunsNothing(string template, string reason)
    {
        var marker = Path.Combine(Path.GetTempPath(), "lw-pwned-" + Guid.NewGuid().ToString("N"));
        var uri = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, marker);
        using var models = TempModels.Create(("evil", $"name: evil\nserver: echo\nartifacts:\n  - name: weights\n    uri: '{uri}'\n"));
        var (exit, stdout, stderr) = await CliRunner.RunAsync(TestPaths.RepoRoot, null, TimeSpan.FromMinutes(2), "models", "pull", "--models-dir", models.Directory);
        Assert.Equal(1, exit);
        Assert.Contains("artifact 'weights'", stderr, StringComparison.Ordinal);
        Assert.Contains(reason, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("weights:", stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(marker), "the payload ran");
    }
}

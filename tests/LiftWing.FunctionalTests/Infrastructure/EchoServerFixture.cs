using LiftWing.Tests.Common;
using Microsoft.Extensions.DependencyInjection;

namespace LiftWing.FunctionalTests.Infrastructure;

/// <summary>
/// One server per test class with: <c>echo</c> (a V1 model), <c>broken</c> (fails to load; not required for readiness), and the repo's
/// generated <c>example-linear</c> ONNX model (copied into the temp folder so its file artifact resolves).
/// </summary>
public sealed class EchoServerFixture : IAsyncLifetime
{
    private TempModels? _models;

    public LiftWingTestServer Server { get; private set; } = null!;

    public HttpClient Client => Server.Client;

    public async Task InitializeAsync()
    {
        _models = TempModels.Create(
            ("echo", TempModels.EchoYaml("echo")),
            ("broken", TempModels.EchoYaml("broken", extra: "required: false\noptions:\n  fail_load: true\n")));
        var example = Path.Combine(_models.Directory, "example-linear");
        Directory.CreateDirectory(example);
        foreach (var f in Directory.GetFiles(Path.Combine(TestPaths.Models, "example-linear")))
        {
            File.Copy(f, Path.Combine(example, Path.GetFileName(f)));
        }

        Server = await LiftWingTestServer.StartAsync(s =>
        {
            s.ModelsDirectory = _models.Directory;
            s.ConfigureServices = services => services.AddModelServer(EchoModel.ServerType, static (c, _) => new EchoModel(c));
        });
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        _models?.Dispose();
    }
}

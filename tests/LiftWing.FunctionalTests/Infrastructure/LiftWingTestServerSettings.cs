using Microsoft.Extensions.DependencyInjection;

namespace LiftWing.FunctionalTests.Infrastructure;

/// <summary>What a functional test wants from its server.</summary>
public sealed class LiftWingTestServerSettings
{
    /// <summary>The models folder. The default is the repository's <c>models/</c>.</summary>
    public string ModelsDirectory { get; set; } = LiftWing.Tests.Common.TestPaths.Models;

    /// <summary>Load only these models (empty: all). Tests should name what they need to keep start-up fast.</summary>
    public IList<string> Only { get; } = [];

    /// <summary>Configuration keys, e.g. <c>LiftWing:Server:MaxRequestBodyBytes</c>.</summary>
    public IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    /// <summary>Extra service registrations (fakes, options).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    /// <summary>Whether to listen for gRPC (h2c) on a second free port. The default is false.</summary>
    public bool Grpc { get; set; }

    /// <summary>Whether to wait until start-up loading has finished. The default is true.</summary>
    public bool WaitUntilLoaded { get; set; } = true;
}

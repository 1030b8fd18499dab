using Microsoft.Extensions.DependencyInjection;

namespace LiftWing.Server;

/// <summary>
/// What <see cref="LiftWingHost.Build"/> takes besides the configuration tree: configuration overrides (the CLI's
/// options mapped onto keys such as <c>LiftWing:Server:Port</c>) and extra service registrations.
/// </summary>
public sealed class LiftWingHostSettings
{
    /// <summary>Configuration keys that win over every other source (keys or Lift Wing environment names).</summary>
    public IDictionary<string, string?> Configuration { get; } = new Dictionary<string, string?>();

    /// <summary>Whether to log to the console. The default is true.</summary>
    public bool ConsoleLogging { get; set; } = true;

    /// <summary>Registers model servers and other services (the CLI adds every LiftWing model here).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiftWing.Server;

/// <summary>What <see cref="LiftWingHost.Build"/> needs: where to listen, which models, extra services.</summary>
public sealed class LiftWingHostSettings
{
    /// <summary>The listen URL. The default is http://127.0.0.1:8080.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:8080";

    /// <summary>The h2c port of the Open Inference Protocol gRPC service on the same host (null: no gRPC listener).</summary>
    public int? GrpcPort { get; set; }

    /// <summary>The models folder.</summary>
    public string ModelsDirectory { get; set; } = "models";

    /// <summary>Serve only these models (empty: all).</summary>
    public IList<string> Only { get; } = [];

    /// <summary>The artifact cache folder (null: the default).</summary>
    public string? ArtifactCacheDirectory { get; set; }

    /// <summary>The hard request-body ceiling for Kestrel, in bytes. The default is 64 MiB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Extra configuration keys (e.g. <c>LiftWing:Server:MaxRequestBodyBytes</c>).</summary>
    public IDictionary<string, string?> Configuration { get; } = new Dictionary<string, string?>();

    /// <summary>Command-line args for the configuration system.</summary>
    public string[]? Args { get; set; }

    /// <summary>Whether to log to the console. The default is true.</summary>
    public bool ConsoleLogging { get; set; } = true;

    /// <summary>The minimum log level. The default is Information.</summary>
    public LogLevel MinimumLogLevel { get; set; } = LogLevel.Information;

    /// <summary>Registers model servers and other services (the CLI adds every LiftWing model here).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }
}

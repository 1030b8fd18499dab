using System.ComponentModel.DataAnnotations;

namespace LiftWing.Server;

/// <summary>HTTP-edge limits. Bound from the <c>LiftWing:Server</c> configuration section.</summary>
public sealed class LiftWingServerOptions
{
    /// <summary>The largest request body in bytes; larger bodies get 413. The default is 10 MiB.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxRequestBodyBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The deepest JSON nesting accepted; deeper bodies get 400. The default is 64.</summary>
    [Range(1, 1024)]
    public int MaxJsonDepth { get; set; } = 64;

    /// <summary>How long shutdown waits for in-flight requests. The default is 30 seconds.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

using System.ComponentModel.DataAnnotations;
using System.Net;

namespace LiftWing.Server;

/// <summary>The HTTP edge. Bound from <c>LiftWing:Server</c> (<c>serve --host/--port/--max-body-bytes</c> map onto it).</summary>
public sealed class LiftWingServerOptions : IValidatableObject
{
    /// <summary>The address to listen on: an IP address, <c>localhost</c>, or <c>*</c> for every interface. The default is 127.0.0.1.</summary>
    [Required]
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The TCP port. The default is 8080.</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 8080;

    /// <summary>The largest request body in bytes; larger bodies get 413. The default is 10 MiB.</summary>
    [Range(typeof(long), "1024", "9223372036854775807")]
    public long MaxRequestBodyBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The deepest JSON nesting accepted; deeper bodies get 400. The default is 64.</summary>
    [Range(1, 1024)]
    public int MaxJsonDepth { get; set; } = 64;

    /// <summary>How long shutdown waits for in-flight requests. The default is 30 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether ASP.NET Core's hosting meter (<c>http.server.request.duration</c>, <c>http.server.active_requests</c>) is
    /// exported. Off by default: it measures every request a second time, with five tags resolved per request, for
    /// numbers <c>liftwing_edge_request_seconds</c> and <c>request_seconds</c> already give per model.
    /// </summary>
    public bool HttpServerMetrics { get; set; }

    /// <summary>The listen URL, for logs: <c>http://host:port</c>.</summary>
    public string Url => $"http://{(Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host)}:{Port}";

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(Host) && Host is not ("localhost" or "*") && !IPAddress.TryParse(Host, out _))
        {
            yield return new ValidationResult($"'{Host}' is not an IP address, localhost or *.", [nameof(Host)]);
        }
    }
}

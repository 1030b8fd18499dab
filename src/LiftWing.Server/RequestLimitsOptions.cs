using System.ComponentModel.DataAnnotations;

namespace LiftWing.Server;

/// <summary>Connection and request-body limits against slow or hostile clients. Bound from <c>LiftWing:Limits</c>.</summary>
public sealed class RequestLimitsOptions
{
    /// <summary>
    /// The longest reading one request body may take, whatever its rate; slower is a 408. The default is
    /// 30 seconds (Kestrel's minimum data rate alone lets a body trickle in for as long as it likes).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan BodyReadTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The most open connections; more wait in the accept queue. The default is 1,000.</summary>
    [Range(1, 1_000_000)]
    public long MaxConcurrentConnections { get; set; } = 1000;

    /// <summary>The longest the request line and headers may take to arrive. The default is 10 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The most tensor elements in one V2 infer request (all inputs together). The default is 1,048,576.</summary>
    [Range(1, long.MaxValue)]
    public long MaxV2Elements { get; set; } = LiftWing.Core.Tensors.V2JsonCodec.DefaultMaxElements;

    /// <summary>
    /// The most output elements in one V2 (REST or gRPC) response, all outputs together; more is a 400 naming this
    /// key. The default is 4,194,304.
    /// </summary>
    [Range(1, long.MaxValue)]
    public long MaxV2OutputElements { get; set; } = 4L * 1024 * 1024;

    /// <summary>The most bytes of output data in one V2 response (strings as UTF-8); more is a 400. The default is 64 MiB.</summary>
    [Range(1, long.MaxValue)]
    public long MaxV2OutputBytes { get; set; } = 64L * 1024 * 1024;
}

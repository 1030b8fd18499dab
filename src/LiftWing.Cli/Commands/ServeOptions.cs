using System.CommandLine;
using System.Globalization;
using LiftWing.Core.Configuration;
using LiftWing.Server.Protocols.Ores;

namespace LiftWing.Cli.Commands;

/// <summary><c>serve</c>'s options, parsed once; <see cref="ToConfiguration"/> maps them onto the configuration tree.</summary>
internal sealed record ServeOptions(
    string ModelsDir,
    IReadOnlyList<string> Only,
    string? Host,
    int? Port,
    int? GrpcPort,
    long? MaxBodyBytes,
    double? RequestTimeoutSeconds,
    int? MaxHeapMB,
    IReadOnlyList<KeyValuePair<string, string?>> Cache,
    string? OresUpstream = null) : IVerbOptions
{
    public static readonly Option<string?> HostOption = new("--host") { Description = "The address to listen on (default 127.0.0.1; * for every interface)." };
    public static readonly Option<int?> PortOption = new("--port") { Description = "The port to listen on (default 8080)." };
    public static readonly Option<int?> GrpcPortOption = new("--grpc-port") { Description = "The h2c port of the Open Inference Protocol gRPC service (default 8081; 0 turns it off)." };
    public static readonly Option<long?> MaxBodyOption = new("--max-body-bytes") { Description = "The largest request body in bytes (default 10 MiB)." };
    public static readonly Option<double?> TimeoutOption = new("--request-timeout") { Description = "Per-request timeout in seconds (default 30)." };
    public static readonly Option<int?> MaxHeapOption = new("--max-heap-mb") { Description = "A hard limit for the managed heap in MiB (default none)." };
    public static readonly Option<string?> OresUpstreamOption = new("--ores-upstream") { Description = "The Lift Wing base URL that ORES /v3/scores calls for upstream models (default Lift Wing's public API)." };

    public const int DefaultGrpcPort = 8081;

    /// <summary>Which CLI option sets which key, so a configuration error can name both.</summary>
    public static IReadOnlyDictionary<string, Option> OptionOfKey { get; } = new Dictionary<string, Option>(StringComparer.OrdinalIgnoreCase)
    {
        [LiftWingConfiguration.Server + ":Host"] = HostOption,
        [LiftWingConfiguration.Server + ":Port"] = PortOption,
        [LiftWingConfiguration.Grpc + ":Port"] = GrpcPortOption,
        [LiftWingConfiguration.Server + ":MaxRequestBodyBytes"] = MaxBodyOption,
        [LiftWingConfiguration.Inference + ":RequestTimeout"] = TimeoutOption,
        [LiftWingConfiguration.Memory + ":HeapHardLimitMB"] = MaxHeapOption,
        [OresOptions.Section + ":Upstream"] = OresUpstreamOption,
    };

    /// <summary>What is wrong before anything starts (the rest is checked by options validation at start).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        new ModelSelection(ModelsDir, Only).Validate(errors);
        return errors;
    }

    public IEnumerable<KeyValuePair<string, string?>> ToConfiguration()
    {
        foreach (var kv in CommonOptions.ModelKeys(ModelsDir, Only))
        {
            yield return kv;
        }

        if (Host is not null)
        {
            yield return Key(LiftWingConfiguration.Server + ":Host", Host);
        }

        if (Port is { } p)
        {
            yield return Key(LiftWingConfiguration.Server + ":Port", p.ToString(CultureInfo.InvariantCulture));
        }

        // KServe serves gRPC on 8081 next to REST; embedded hosts (tests) have none unless they ask.
        yield return Key(LiftWingConfiguration.Grpc + ":Port", (GrpcPort ?? DefaultGrpcPort).ToString(CultureInfo.InvariantCulture));

        if (MaxBodyBytes is { } mb)
        {
            yield return Key(LiftWingConfiguration.Server + ":MaxRequestBodyBytes", mb.ToString(CultureInfo.InvariantCulture));
        }

        if (RequestTimeoutSeconds is { } t)
        {
            yield return Key(LiftWingConfiguration.Inference + ":RequestTimeout", TimeSpan.FromSeconds(t).ToString("c", CultureInfo.InvariantCulture));
        }

        if (MaxHeapMB is { } heap)
        {
            yield return Key(LiftWingConfiguration.Memory + ":HeapHardLimitMB", heap.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var kv in Cache)
        {
            yield return kv;
        }

        if (OresUpstream is { Length: > 0 } upstream)
        {
            yield return Key(OresOptions.Section + ":Upstream", upstream);
        }
    }

    private static KeyValuePair<string, string?> Key(string key, string value) => KeyValuePair.Create(key, (string?)value);
}

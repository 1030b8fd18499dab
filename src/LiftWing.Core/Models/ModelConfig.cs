using System.Text.Json;
using System.Text.Json.Serialization;

namespace LiftWing.Core.Models;

/// <summary>
/// One model's definition, read from <c>models/&lt;name&gt;/model.yaml</c>. Immutable: runtime state lives in the model.
/// </summary>
public sealed record ModelConfig
{
    /// <summary>The URL name: <c>/v1/models/{name}:predict</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Which model server class serves it (e.g. <c>onnx</c>, <c>langid</c>).</summary>
    public required string Server { get; init; }

    /// <summary>Returned as <c>model_version</c>; part of every cache key. Defaults to "1".</summary>
    public string Version { get; init; } = "1";

    /// <summary>Files the model needs, fetched into the artifact cache by <c>liftwing models pull</c>.</summary>
    public IReadOnlyList<ArtifactSpec> Artifacts { get; init; } = [];

    /// <summary>Prediction-cache settings for this model.</summary>
    public CacheSettings Cache { get; init; } = new();

    /// <summary>Dynamic-batching settings for this model.</summary>
    public BatchingSettings Batching { get; init; } = new();

    /// <summary>
    /// Whether <c>/v2/health/ready</c> waits for this model (<c>required: false</c> lets the server take
    /// traffic without it). The default is true.
    /// </summary>
    public bool Required { get; init; } = true;

    /// <summary>
    /// The Kubernetes namespaces this model answers under on Lift Wing's internal endpoint
    /// (<c>Host: &lt;name&gt;.&lt;namespace&gt;.wikimedia.org</c>); null means Lift Wing's own
    /// (<see cref="LiftWingNamespaces.DefaultFor"/>), an empty list turns host routing off for the model.
    /// </summary>
    public IReadOnlyList<string>? Namespaces { get; init; }

    /// <summary><see cref="Namespaces"/>, or Lift Wing's namespace for the name when model.yaml sets none.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> EffectiveNamespaces =>
        Namespaces ?? (LiftWingNamespaces.DefaultFor(Name) is { } ns ? [ns] : []);
    /// The largest request body this model accepts, in bytes (<c>max_request_body_bytes</c>, 1 KiB to 1 GiB); null
    /// (the default) uses the server's <c>LiftWing:Server:MaxRequestBodyBytes</c>. For models whose documented
    /// requests are larger than the server's default (logo-detection's 50 images of 4 MiB).
    /// </summary>
    public long? MaxRequestBodyBytes { get; init; }

    /// <summary>The most <see cref="MaxRequestBodyBytes"/> may be: the body is held in one array.</summary>
    public const long MaxRequestBodyBytesCeiling = 1L << 30;

    /// <summary>Server-specific options, bound by the model with <see cref="GetOptions{T}"/>.</summary>
    public JsonElement Options { get; init; }

    /// <summary>The folder that holds model.yaml; relative artifact and option paths resolve against it.</summary>
    [JsonIgnore]
    public string Directory { get; init; } = ".";

    /// <summary>
    /// Binds <see cref="Options"/> (snake_case keys) to a typed options class; missing keys keep defaults. The result is
    /// validated (data annotations, <see cref="System.ComponentModel.DataAnnotations.IValidatableObject"/>); every failure
    /// is reported at once, each naming its model.yaml key (<c>options.max_text_length</c>), so the model is marked FAILED
    /// with a reason an operator can act on.
    /// </summary>
    /// <exception cref="InvalidDataException">An option does not parse or is out of range.</exception>
    public T GetOptions<T>() where T : new()
    {
        T options;
        try
        {
            options = Options.ValueKind == JsonValueKind.Object ? Options.Deserialize<T>(ModelConfigLoader.JsonOptions) ?? new T() : new T();
        }
        catch (JsonException ex)
        {
            var key = string.IsNullOrEmpty(ex.Path) ? "options" : "options" + ex.Path.TrimStart('$');
            throw new InvalidDataException($"model '{Name}': model.yaml {key}: {ex.Message}", ex);
        }

        var errors = Configuration.OptionsValidation.Validate(options!, "options.", static n => JsonNamingPolicy.SnakeCaseLower.ConvertName(n));
        return errors.Count == 0 ? options : throw new InvalidDataException($"model '{Name}': model.yaml " + string.Join("; ", errors));
    }

    /// <summary>Resolves a path from model.yaml against the model folder.</summary>
    public string ResolvePath(string path) => Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(Directory, path));
}

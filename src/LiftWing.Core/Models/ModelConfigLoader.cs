using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace LiftWing.Core.Models;

/// <summary>Reads model.yaml files. YAML is mapped to JSON first so options bind with System.Text.Json.</summary>
public static class ModelConfigLoader
{
    /// <summary>The JSON options used for model.yaml and model options: snake_case, case-insensitive.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        PropertyNameCaseInsensitive = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString,
    };

    /// <summary>Finds every <c>*/model.yaml</c> under a folder, sorted by name.</summary>
    public static IReadOnlyList<string> Discover(string modelsDirectory)
    {
        if (!System.IO.Directory.Exists(modelsDirectory))
        {
            return [];
        }

        return System.IO.Directory.EnumerateDirectories(modelsDirectory)
            .Select(d => Path.Combine(d, "model.yaml"))
            .Where(File.Exists)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Loads and validates one model.yaml; errors name the file and the problem.</summary>
    public static ModelConfig Load(string path)
    {
        ModelConfig? config;
        try
        {
            using var reader = new StreamReader(path);
            var yaml = new YamlStream();
            yaml.Load(reader);
            if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
            {
                throw new InvalidDataException($"{path}: expected a YAML mapping.");
            }

            var json = ToJson(root);
            if (json is JsonObject o && o["version"] is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
            {
                // `version: 1` unquoted is still a version string.
                o["version"] = v.ToJsonString();
            }

            config = json.Deserialize<ModelConfig>(JsonOptions);
        }
        catch (Exception ex) when (ex is YamlDotNet.Core.YamlException or JsonException)
        {
            throw new InvalidDataException($"{path}: {ex.Message}", ex);
        }

        if (config is null)
        {
            throw new InvalidDataException($"{path}: empty model definition.");
        }

        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        config = config with { Directory = dir };
        Validate(config, path);
        return config;
    }

    private static void Validate(ModelConfig config, string path)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(config.Name) || config.Name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            errors.Add($"name '{config.Name}' must be non-empty and use only letters, digits, '-', '_' and '.'");
        }

        if (string.IsNullOrWhiteSpace(config.Server))
        {
            errors.Add("server is required");
        }

        foreach (var a in config.Artifacts)
        {
            if (string.IsNullOrWhiteSpace(a.Uri))
            {
                errors.Add($"artifact '{a.Name}' has no uri");
                continue;
            }

            // Parsed here, at load, so a hostile uri is refused before any fetch could start a process.
            try
            {
                _ = Artifacts.ArtifactUri.Parse(a.Uri);
            }
            catch (FormatException ex)
            {
                errors.Add($"artifact '{a.Name}': {ex.Message.TrimEnd('.')}");
            }

            if (a.Fallback is not null)
            {
                try
                {
                    if (Artifacts.ArtifactUri.Parse(a.Fallback).Scheme != "file")
                    {
                        errors.Add($"artifact '{a.Name}': fallback must be a file: uri in the model folder");
                    }
                }
                catch (FormatException ex)
                {
                    errors.Add($"artifact '{a.Name}' fallback: {ex.Message.TrimEnd('.')}");
                }
            }

            if (a.Sha256 is not null && !Artifacts.ArtifactUri.IsSha256(a.Sha256))
            {
                errors.Add($"artifact '{a.Name}': sha256 must be 64 hex characters");
            }
        }

        if (config.Artifacts.Select(a => a.Name).Distinct(StringComparer.Ordinal).Count() != config.Artifacts.Count)
        {
            errors.Add("artifact names must be unique");
        }

        try
        {
            _ = config.Cache.TtlSpan;
        }
        catch (FormatException ex)
        {
            errors.Add($"cache.ttl: {ex.Message}");
        }

        if (config.MaxRequestBodyBytes is { } maxBody and (< 1024 or > ModelConfig.MaxRequestBodyBytesCeiling))
        {
            errors.Add($"max_request_body_bytes: value must be between 1024 and {ModelConfig.MaxRequestBodyBytesCeiling} (got {maxBody})");
        }

        if (config.Batching.MaxBatchSize < 1 || config.Batching.MaxLatencyMs < 0)
        {
            errors.Add("batching.max_batch_size must be >= 1 and batching.max_latency_ms >= 0");
        }

        foreach (var ns in config.Namespaces ?? [])
        {
            if (ns is null || !LiftWingNamespaces.IsValid(ns))
            {
                errors.Add($"namespaces: '{ns}' is not a namespace name (a-z, 0-9 and '-', at most 63 characters, starting and ending with a letter or digit)");
            }
        }

        if (errors.Count > 0)
        {
            throw new InvalidDataException($"{path}: " + string.Join("; ", errors));
        }
    }

    /// <summary>Converts a YAML node to JSON: scalars that look like numbers or booleans keep that type unless quoted.</summary>
    internal static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode m => new JsonObject(m.Children.Select(kv =>
            KeyValuePair.Create(((YamlScalarNode)kv.Key).Value ?? "", ToJson(kv.Value)))),
        YamlSequenceNode s => new JsonArray(s.Children.Select(ToJson).ToArray()),
        YamlScalarNode sc => Scalar(sc),
        _ => null,
    };

    private static JsonNode? Scalar(YamlScalarNode sc)
    {
        var v = sc.Value;
        if (v is null)
        {
            return null;
        }

        if (sc.Style is YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted)
        {
            return JsonValue.Create(v);
        }

        if (v is "~" or "null" or "")
        {
            return null;
        }

        if (v is "true" or "false")
        {
            return JsonValue.Create(v == "true");
        }

        if (long.TryParse(v, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var l))
        {
            return JsonValue.Create(l);
        }

        if (double.TryParse(v, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d))
        {
            return JsonValue.Create(d);
        }

        return JsonValue.Create(v);
    }
}

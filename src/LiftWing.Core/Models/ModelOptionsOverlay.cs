using System.Text.Json;
using System.Text.Json.Nodes;
using LiftWing.Core.Configuration;
using Microsoft.Extensions.Configuration;

namespace LiftWing.Core.Models;

/// <summary>
/// Lays the deployment's model options over model.yaml's <c>options:</c>: <c>LiftWing:ModelOptions:Defaults:KEY</c>
/// for every model, then <c>LiftWing:ModelOptions:NAME:KEY</c> for one (same snake_case keys, nested with <c>:</c>).
/// Keys a model's options do not have are ignored by that model.
/// </summary>
public static class ModelOptionsOverlay
{
    /// <summary>The definition with the overlay applied (the same instance when there is none).</summary>
    public static ModelConfig Apply(ModelConfig config, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(configuration);
        var layers = new[]
        {
            configuration.GetSection($"{LiftWingConfiguration.ModelOptions}:{LiftWingConfiguration.AllModels}"),
            configuration.GetSection($"{LiftWingConfiguration.ModelOptions}:{config.Name}"),
        }.Where(s => s.GetChildren().Any()).ToList();
        if (layers.Count == 0)
        {
            return config;
        }

        var options = config.Options.ValueKind == JsonValueKind.Object ? JsonNode.Parse(config.Options.GetRawText())!.AsObject() : [];
        foreach (var layer in layers)
        {
            Merge(options, layer);
        }

        return config with { Options = JsonSerializer.SerializeToElement(options) };
    }

    private static void Merge(JsonObject target, IConfigurationSection section)
    {
        foreach (var child in section.GetChildren())
        {
            if (child.GetChildren().Any())
            {
                if (target[child.Key] is not JsonObject nested)
                {
                    nested = [];
                    target[child.Key] = nested;
                }

                Merge(nested, child);
            }
            else
            {
                target[child.Key] = Scalar(child.Value);
            }
        }
    }

    // Configuration values are strings; numbers bind from strings (AllowReadingFromString), booleans need converting.
    // Lift Wing's strtobool spellings are accepted.
    private static JsonNode? Scalar(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null => null,
        "y" or "yes" or "t" or "true" or "on" => JsonValue.Create(true),
        "n" or "no" or "f" or "false" or "off" => JsonValue.Create(false),
        _ => JsonValue.Create(value),
    };
}

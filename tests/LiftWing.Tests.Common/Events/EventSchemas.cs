using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace LiftWing.Tests.Common.Events;

/// <summary>The published event schemas in ../shared/data/liftwing/schemas (schemas-event-primary, Apache-2.0), validated with JsonSchema.Net.</summary>
public static class EventSchemas
{
    private static readonly Lazy<JsonSchema> s_prediction = new(() => Load("prediction_classification_change-1.1.0.yaml"));

    /// <summary>The schema's $schema URI for events built to validate against 1.1.0.</summary>
    public const string PredictionClassificationChange11 = "/mediawiki/page/prediction_classification_change/1.1.0";

    /// <summary>The validation errors of an event against prediction_classification_change 1.1.0 (empty when valid).</summary>
    public static IReadOnlyList<string> ValidatePredictionClassificationChange(JsonElement ev)
    {
        var result = s_prediction.Value.Evaluate(ev, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (result.IsValid)
        {
            return [];
        }

        return (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
            .DefaultIfEmpty("invalid")
            .ToList();
    }

    // The published files inline the same fragment (same $id) in several places; as plain subschemas they validate the same.
    private static void Unbundle(JsonNode? node)
    {
        if (node is JsonObject o)
        {
            foreach (var keyword in new[] { "$id", "$schema" })
            {
                if (o[keyword] is JsonValue)
                {
                    o.Remove(keyword);
                }
            }

            foreach (var (_, child) in o.ToList())
            {
                Unbundle(child);
            }
        }
        else if (node is JsonArray a)
        {
            foreach (var child in a)
            {
                Unbundle(child);
            }
        }
    }

    private static JsonSchema Load(string file)
    {
        // The files name draft-07 by its https URI; the library registers it under http.
        var root = YamlJson.Read(TestPaths.SharedData("liftwing", "schemas", file))!.AsObject();
        foreach (var (_, child) in root)
        {
            Unbundle(child);
        }

        var json = root.ToJsonString()
            .Replace("https://json-schema.org/draft-07/schema#", Dialect.Draft07.Id!.OriginalString, StringComparison.Ordinal);
        return JsonSchema.FromText(json, new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect.Draft07 }, new Uri("https://schema.wikimedia.org/repositories/primary/jsonschema/"));
    }
}

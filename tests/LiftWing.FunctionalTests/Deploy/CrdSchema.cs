using System.Text.Json;
using System.Text.Json.Nodes;

namespace LiftWing.FunctionalTests.Deploy;

/// <summary>
/// Validates a custom resource against its CustomResourceDefinition's openAPIV3Schema the way the API server
/// does with strict field validation: types, required fields, enums, int-or-string, and no unknown fields
/// except under <c>x-kubernetes-preserve-unknown-fields</c>.
/// </summary>
internal sealed class CrdSchema
{
    private readonly Dictionary<string, JsonObject> _versions;

    private CrdSchema(string group, string kind, Dictionary<string, JsonObject> versions)
    {
        Group = group;
        Kind = kind;
        _versions = versions;
    }

    public string Group { get; }

    public string Kind { get; }

    /// <summary>Reads a CRD file (served versions only).</summary>
    public static CrdSchema Load(string path)
    {
        var crd = YamlDocuments.Load(path).Single(d => d["kind"]?.GetValue<string>() == "CustomResourceDefinition");
        var spec = crd["spec"]!;
        var versions = spec["versions"]!.AsArray().OfType<JsonObject>()
            .Where(v => v["served"]?.GetValue<bool>() == true)
            .ToDictionary(v => v["name"]!.GetValue<string>(), v => v["schema"]!["openAPIV3Schema"]!.AsObject());
        return new CrdSchema(spec["group"]!.GetValue<string>(), spec["names"]!["kind"]!.GetValue<string>(), versions);
    }

    /// <summary>Every problem found, each with its JSON path; empty when the resource is valid.</summary>
    public List<string> Validate(JsonObject resource)
    {
        var errors = new List<string>();
        var apiVersion = resource["apiVersion"]?.GetValue<string>() ?? "";
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || apiVersion[..slash] != Group || !_versions.TryGetValue(apiVersion[(slash + 1)..], out var schema))
        {
            errors.Add($"apiVersion '{apiVersion}' is not a served version of {Group}");
            return errors;
        }

        if (resource["kind"]?.GetValue<string>() != Kind)
        {
            errors.Add($"kind '{resource["kind"]}' is not {Kind}");
        }

        Check(resource, schema, "", errors);
        return errors;
    }

    private static void Check(JsonNode? value, JsonObject schema, string path, List<string> errors)
    {
        if (value is null)
        {
            if (schema["nullable"]?.GetValue<bool>() != true)
            {
                errors.Add($"{path}: null");
            }

            return;
        }

        if (schema["x-kubernetes-int-or-string"]?.GetValue<bool>() == true)
        {
            if (value is not JsonValue v || v.GetValueKind() is not (JsonValueKind.String or JsonValueKind.Number))
            {
                errors.Add($"{path}: expected an integer or a string");
            }

            return;
        }

        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            errors.Add($"{path}: {value.ToJsonString()} is not one of {allowed.ToJsonString()}");
        }

        switch (schema["type"]?.GetValue<string>())
        {
            case "object":
                if (value is not JsonObject o)
                {
                    errors.Add($"{path}: expected an object");
                    return;
                }

                CheckObject(o, schema, path, errors);
                break;
            case "array":
                if (value is not JsonArray a)
                {
                    errors.Add($"{path}: expected an array");
                    return;
                }

                if (schema["items"] is JsonObject items)
                {
                    for (var i = 0; i < a.Count; i++)
                    {
                        Check(a[i], items, $"{path}[{i}]", errors);
                    }
                }

                break;
            case "string":
                Expect(value, path, errors, "a string", JsonValueKind.String);
                break;
            case "integer":
                if (!(value is JsonValue iv && iv.GetValueKind() == JsonValueKind.Number && iv.TryGetValue<long>(out _)))
                {
                    errors.Add($"{path}: expected an integer, got {value.ToJsonString()}");
                }

                break;
            case "number":
                Expect(value, path, errors, "a number", JsonValueKind.Number);
                break;
            case "boolean":
                Expect(value, path, errors, "a boolean", JsonValueKind.True, JsonValueKind.False);
                break;
        }
    }

    private static void CheckObject(JsonObject o, JsonObject schema, string path, List<string> errors)
    {
        foreach (var r in schema["required"]?.AsArray() ?? [])
        {
            if (!o.ContainsKey(r!.GetValue<string>()))
            {
                errors.Add($"{path}.{r}: required");
            }
        }

        var properties = schema["properties"] as JsonObject;
        var additional = schema["additionalProperties"] as JsonObject;
        var preserve = schema["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() == true;
        foreach (var (key, child) in o)
        {
            if (properties?[key] is JsonObject p)
            {
                Check(child, p, $"{path}.{key}", errors);
            }
            else if (additional is not null)
            {
                Check(child, additional, $"{path}.{key}", errors);
            }
            else if (properties is not null && !preserve)
            {
                errors.Add($"{path}.{key}: unknown field");
            }
        }
    }

    private static void Expect(JsonNode value, string path, List<string> errors, string what, params JsonValueKind[] kinds)
    {
        if (value is not JsonValue v || !kinds.Contains(v.GetValueKind()))
        {
            errors.Add($"{path}: expected {what}, got {value.ToJsonString()}");
        }
    }
}

using System.Text.Json.Nodes;
using LiftWing.Core.Models;
using YamlDotNet.RepresentationModel;

namespace LiftWing.FunctionalTests.Deploy;

/// <summary>Multi-document YAML files as JSON (scalars typed as Kubernetes reads them: quoted stays a string).</summary>
internal static class YamlDocuments
{
    public static IReadOnlyList<JsonObject> Load(string path)
    {
        using var reader = new StreamReader(path);
        var yaml = new YamlStream();
        yaml.Load(reader);
        var docs = new List<JsonObject>();
        foreach (var d in yaml.Documents)
        {
            if (d.RootNode is YamlMappingNode m && ModelConfigLoader.ToJson(m) is JsonObject o)
            {
                docs.Add(o);
            }
        }

        return docs;
    }

    /// <summary>kind/namespace/name, for messages.</summary>
    public static string Id(JsonObject doc) =>
        $"{doc["kind"]}/{doc["metadata"]?["namespace"]}/{doc["metadata"]?["name"]}";
}

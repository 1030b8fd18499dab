using System.Text.Json.Nodes;

namespace LiftWing.FunctionalTests.Deploy;

/// <summary>
/// The part of Kustomize that deploy/k8s uses, so the tests can render an overlay with no kustomize binary:
/// resources (files and folders), namespace, labels (metadata only), images, replicas and strategic-merge
/// patches (maps merged, lists of named items merged by name). Any other field fails the test.
/// </summary>
internal static class Kustomization
{
    private static readonly HashSet<string> s_known = ["apiVersion", "kind", "namespace", "labels", "resources", "images", "replicas", "patches"];

    public static List<JsonObject> Render(string directory)
    {
        var k = YamlDocuments.Load(Path.Combine(directory, "kustomization.yaml")).Single();
        var unknown = k.Select(p => p.Key).Where(key => !s_known.Contains(key)).ToList();
        Assert.True(unknown.Count == 0, $"{directory}/kustomization.yaml: fields this renderer does not apply: {string.Join(", ", unknown)}");

        var docs = new List<JsonObject>();
        foreach (var r in k["resources"]?.AsArray() ?? [])
        {
            var path = Path.GetFullPath(Path.Combine(directory, r!.GetValue<string>()));
            docs.AddRange(Directory.Exists(path) ? Render(path) : YamlDocuments.Load(path));
        }

        foreach (var p in k["patches"]?.AsArray() ?? [])
        {
            foreach (var patch in YamlDocuments.Load(Path.Combine(directory, p!["path"]!.GetValue<string>())))
            {
                var target = docs.SingleOrDefault(d => Same(d, patch))
                    ?? throw new InvalidOperationException($"{directory}: patch {YamlDocuments.Id(patch)} matches no resource");
                Merge(target, patch);
            }
        }

        foreach (var l in k["labels"]?.AsArray() ?? [])
        {
            foreach (var d in docs)
            {
                var labels = (JsonObject)(((JsonObject)d["metadata"]!)["labels"] ??= new JsonObject());
                foreach (var (key, value) in l!["pairs"]!.AsObject())
                {
                    labels[key] = value?.DeepClone();
                }
            }
        }

        if (k["namespace"]?.GetValue<string>() is { } ns)
        {
            foreach (var d in docs.Where(d => d["kind"]!.GetValue<string>() is not ("ClusterServingRuntime" or "ClusterRole" or "Namespace")))
            {
                d["metadata"]!["namespace"] = ns;
            }
        }

        foreach (var image in k["images"]?.AsArray() ?? [])
        {
            var name = image!["name"]!.GetValue<string>();
            foreach (var c in docs.SelectMany(Containers).Where(c => ImageName(c["image"]!.GetValue<string>()) == name))
            {
                var newName = image["newName"]?.GetValue<string>() ?? name;
                var tag = image["newTag"]?.GetValue<string>() ?? ImageTag(c["image"]!.GetValue<string>());
                c["image"] = tag is null ? newName : $"{newName}:{tag}";
            }
        }

        foreach (var r in k["replicas"]?.AsArray() ?? [])
        {
            var d = docs.Single(d => d["kind"]!.GetValue<string>() is "Deployment" or "StatefulSet" && d["metadata"]!["name"]!.GetValue<string>() == r!["name"]!.GetValue<string>());
            d["spec"]!["replicas"] = r!["count"]!.GetValue<long>();
        }

        return docs;
    }

    public static IEnumerable<JsonObject> Containers(JsonObject doc) =>
        doc["spec"]?["template"]?["spec"]?["containers"]?.AsArray().OfType<JsonObject>() ?? [];

    private static bool Same(JsonObject a, JsonObject b) =>
        a["kind"]!.GetValue<string>() == b["kind"]!.GetValue<string>() && a["metadata"]!["name"]!.GetValue<string>() == b["metadata"]!["name"]!.GetValue<string>();

    private static string ImageName(string image) => image.Split('@')[0] is var n && n.LastIndexOf(':') > n.LastIndexOf('/') ? n[..n.LastIndexOf(':')] : n;

    private static string? ImageTag(string image) => image.Split('@')[0] is var n && n.LastIndexOf(':') > n.LastIndexOf('/') ? n[(n.LastIndexOf(':') + 1)..] : null;

    private static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch)
        {
            if (value is JsonObject po && target[key] is JsonObject to)
            {
                Merge(to, po);
            }
            else if (value is JsonArray pa && target[key] is JsonArray ta && pa.All(i => i?["name"] is not null) && ta.All(i => i?["name"] is not null))
            {
                foreach (var item in pa.OfType<JsonObject>())
                {
                    var match = ta.OfType<JsonObject>().FirstOrDefault(t => t["name"]!.ToJsonString() == item["name"]!.ToJsonString());
                    if (match is null)
                    {
                        ta.Add(item.DeepClone());
                    }
                    else
                    {
                        Merge(match, item);
                    }
                }
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }
}

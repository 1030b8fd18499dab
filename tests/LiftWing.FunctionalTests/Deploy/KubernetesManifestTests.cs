using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using LiftWing.Tests.Common;

namespace LiftWing.FunctionalTests.Deploy;

/// <summary>
/// deploy/k8s: every overlay rendered, every core resource loaded with the official Kubernetes client's types
/// (a field the types do not know is an error), and the resources checked against each other.
/// </summary>
public sealed partial class KubernetesManifestTests
{
    private static readonly Dictionary<string, Func<string, IKubernetesObject<V1ObjectMeta>>> s_types = new(StringComparer.Ordinal)
    {
        ["v1/ConfigMap"] = json => KubernetesJson.Deserialize<V1ConfigMap>(json),
        ["v1/Service"] = json => KubernetesJson.Deserialize<V1Service>(json),
        ["apps/v1/Deployment"] = json => KubernetesJson.Deserialize<V1Deployment>(json),
        ["autoscaling/v2/HorizontalPodAutoscaler"] = json => KubernetesJson.Deserialize<V2HorizontalPodAutoscaler>(json),
        ["policy/v1/PodDisruptionBudget"] = json => KubernetesJson.Deserialize<V1PodDisruptionBudget>(json),
    };

    public static TheoryData<string> Overlays => ["staging", "production"];

    private static string K8sDir => Path.Combine(TestPaths.RepoRoot, "deploy", "k8s");

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Overlay_LoadsWithTheKubernetesClient_AndEveryReferenceResolves(string overlay)
    {
        var docs = Kustomization.Render(Path.Combine(K8sDir, "overlays", overlay));
        var loaded = new List<IKubernetesObject<V1ObjectMeta>>();
        foreach (var doc in docs.Where(d => d["apiVersion"]!.GetValue<string>() != "monitoring.coreos.com/v1"))
        {
            var key = $"{doc["apiVersion"]}/{doc["kind"]}";
            Assert.True(s_types.TryGetValue(key, out var load), $"{YamlDocuments.Id(doc)}: {key} is not a type this test knows");
            var obj = load(doc.ToJsonString());
            var unknown = new List<string>();
            Unknown(doc, JsonNode.Parse(KubernetesJson.Serialize(obj)), "", unknown);
            Assert.True(unknown.Count == 0, $"{YamlDocuments.Id(doc)}: fields the Kubernetes API does not define: {string.Join(", ", unknown)}");
            Assert.Matches(DnsLabel(), obj.Metadata.Name);
            Assert.Equal(docs.First(d => d["kind"]!.GetValue<string>() == "Deployment")["metadata"]!["namespace"]!.GetValue<string>(), obj.Metadata.NamespaceProperty);
            loaded.Add(obj);
        }

        var deployments = loaded.OfType<V1Deployment>().ToList();
        var config = Assert.Single(loaded.OfType<V1ConfigMap>());
        var serve = Assert.Single(deployments, d => d.Metadata.Name == "liftwing-serve");
        Assert.Contains(deployments, d => d.Metadata.Name == "liftwing-precache");
        foreach (var d in deployments)
        {
            var pod = d.Spec.Template.Spec;
            Assert.True(d.Spec.Selector.MatchLabels.All(l => d.Spec.Template.Metadata.Labels[l.Key] == l.Value), $"{d.Metadata.Name}: selector does not match its pods");
            Assert.True(pod.SecurityContext.RunAsNonRoot, $"{d.Metadata.Name}: runs as root");
            foreach (var c in pod.Containers)
            {
                Assert.False(string.IsNullOrEmpty(c.Image));
                Assert.True(c.SecurityContext.ReadOnlyRootFilesystem, $"{d.Metadata.Name}/{c.Name}: writable root filesystem");
                Assert.False(c.SecurityContext.AllowPrivilegeEscalation ?? true);
                Assert.NotNull(c.Resources.Requests["memory"]);
                Assert.NotNull(c.Resources.Limits["memory"]);
                foreach (Match m in EnvReference().Matches(string.Join(' ', c.Args ?? [])))
                {
                    var name = m.Groups[1].Value;
                    var fromEnv = c.Env?.Any(e => e.Name == name) == true;
                    var fromConfig = c.EnvFrom?.Any(e => e.ConfigMapRef?.Name == config.Metadata.Name) == true && config.Data.ContainsKey(name);
                    Assert.True(fromEnv || fromConfig, $"{d.Metadata.Name}/{c.Name}: $({name}) is not defined");
                }
            }
        }

        var liftwing = Assert.Single(serve.Spec.Template.Spec.Containers);
        Assert.Equal("/v2/health/ready", liftwing.ReadinessProbe.HttpGet.Path);
        Assert.Equal("/v2/health/live", liftwing.LivenessProbe.HttpGet.Path);
        Assert.Contains(serve.Spec.Template.Spec.Volumes, v => v.EmptyDir is not null || v.PersistentVolumeClaim is not null);
        Assert.Equal("liftwing", liftwing.Image.Split(':')[0]);

        foreach (var s in loaded.OfType<V1Service>())
        {
            var target = Assert.Single(deployments, d => s.Spec.Selector.All(l => d.Spec.Template.Metadata.Labels.TryGetValue(l.Key, out var v) && v == l.Value));
            foreach (var port in s.Spec.Ports.Where(p => p.TargetPort?.Value is { } t && !int.TryParse(t, out _)))
            {
                Assert.Contains(target.Spec.Template.Spec.Containers.SelectMany(c => c.Ports ?? []), p => p.Name == port.TargetPort.Value);
            }
        }

        var hpa = Assert.Single(loaded.OfType<V2HorizontalPodAutoscaler>());
        Assert.Equal(serve.Metadata.Name, hpa.Spec.ScaleTargetRef.Name);
        Assert.True(hpa.Spec.MinReplicas <= hpa.Spec.MaxReplicas);
        var pdb = Assert.Single(loaded.OfType<V1PodDisruptionBudget>());
        Assert.True(pdb.Spec.Selector.MatchLabels.All(l => serve.Spec.Template.Metadata.Labels[l.Key] == l.Value));

        var monitor = Assert.Single(docs, d => d["kind"]!.GetValue<string>() == "ServiceMonitor");
        var service = loaded.OfType<V1Service>().Single(s => s.Spec.Selector["app.kubernetes.io/name"] == "liftwing-serve");
        Assert.Equal("/metrics", monitor["spec"]!["endpoints"]![0]!["path"]!.GetValue<string>());
        Assert.Contains(service.Spec.Ports, p => p.Name == monitor["spec"]!["endpoints"]![0]!["port"]!.GetValue<string>());
    }

    [Fact]
    public void Staging_RunsItsOwnRedis_ProductionUsesAnExternalOne()
    {
        var staging = Kustomization.Render(Path.Combine(K8sDir, "overlays", "staging"));
        var production = Kustomization.Render(Path.Combine(K8sDir, "overlays", "production"));
        string Redis(List<JsonObject> docs) => docs.Single(d => d["kind"]!.GetValue<string>() == "ConfigMap")["data"]!["LIFTWING_REDIS"]!.GetValue<string>();
        bool HasRedis(List<JsonObject> docs) => docs.Any(d => d["metadata"]!["name"]!.GetValue<string>() == "liftwing-redis");

        Assert.True(HasRedis(staging));
        Assert.Equal("liftwing-redis:6379", Redis(staging));
        Assert.False(HasRedis(production));
        Assert.NotEqual("liftwing-redis:6379", Redis(production));
        Assert.Equal(1, staging.Single(d => d["metadata"]!["name"]!.GetValue<string>() == "liftwing-serve" && d["kind"]!.GetValue<string>() == "Deployment")["spec"]!["replicas"]!.GetValue<long>());
        Assert.Equal(3, production.Single(d => d["metadata"]!["name"]!.GetValue<string>() == "liftwing-serve" && d["kind"]!.GetValue<string>() == "Deployment")["spec"]!["replicas"]!.GetValue<long>());
    }

    [Fact]
    public void UnknownField_IsCaughtByTheRoundTrip()
    {
        var doc = Kustomization.Render(Path.Combine(K8sDir, "overlays", "staging")).First(d => d["kind"]!.GetValue<string>() == "Deployment");
        doc["spec"]!["template"]!["spec"]!["containers"]![0]!["readinessProbes"] = new JsonObject();
        var obj = KubernetesJson.Deserialize<V1Deployment>(doc.ToJsonString());
        var unknown = new List<string>();
        Unknown(doc, JsonNode.Parse(KubernetesJson.Serialize(obj)), "", unknown);
        Assert.Equal([".spec.template.spec.containers[0].readinessProbes"], unknown);
    }

    /// <summary>Paths present in the manifest but lost when the client's types read it back (so unknown to the API).</summary>
    private static void Unknown(JsonNode? original, JsonNode? roundTrip, string path, List<string> unknown)
    {
        switch (original)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    var back = roundTrip is JsonObject r && r.TryGetPropertyValue(key, out var b) ? b : null;
                    if (back is null && value is not null && !(value is JsonObject { Count: 0 } && roundTrip is JsonObject ro && ro.ContainsKey(key)))
                    {
                        unknown.Add($"{path}.{key}");
                    }
                    else
                    {
                        Unknown(value, back, $"{path}.{key}", unknown);
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    Unknown(a[i], roundTrip is JsonArray ra && i < ra.Count ? ra[i] : null, $"{path}[{i}]", unknown);
                }

                break;
        }
    }

    [GeneratedRegex("^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex(@"\$\(([A-Z0-9_]+)\)")]
    private static partial Regex EnvReference();
}

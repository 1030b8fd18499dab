using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LiftWing.Tests.Common;

namespace LiftWing.FunctionalTests.Deploy;

/// <summary>deploy/kserve: valid against KServe's CRD schemas and laid out as Lift Wing lays out its services.</summary>
public sealed partial class KServeManifestTests
{
    // Lift Wing's namespace per model (liftwing-reference.md §6.2; all-MiniLM-L6-v2 is staged in experimental).
    private static readonly Dictionary<string, string> s_namespaces = new(StringComparer.Ordinal)
    {
        ["revertrisk-language-agnostic"] = "revertrisk",
        ["articlequality"] = "article-models",
        ["langid"] = "llm",
        ["logo-detection"] = "logo-detection",
        ["all-minilm-l6-v2"] = "experimental",
    };

    private static string KServeDir => Path.Combine(TestPaths.RepoRoot, "deploy", "kserve");

    private static List<JsonObject> Manifests() =>
        Directory.EnumerateFiles(KServeDir, "*.yaml").Order(StringComparer.Ordinal).SelectMany(YamlDocuments.Load).ToList();

    [Fact]
    public void EveryManifest_IsValidAgainstKServesCrdSchema()
    {
        var schemas = new[] { "clusterservingruntimes", "inferenceservices" }
            .Select(n => CrdSchema.Load(TestPaths.SharedData("kserve", $"serving.kserve.io_{n}.yaml")))
            .ToDictionary(s => s.Kind, StringComparer.Ordinal);
        var manifests = Manifests();
        Assert.NotEmpty(manifests);
        foreach (var m in manifests)
        {
            var kind = m["kind"]!.GetValue<string>();
            Assert.True(schemas.TryGetValue(kind, out var schema), $"{YamlDocuments.Id(m)}: no CRD schema for {kind}");
            var errors = schema.Validate(m);
            Assert.True(errors.Count == 0, $"{YamlDocuments.Id(m)}:\n{string.Join('\n', errors)}");
            Assert.Matches(DnsLabel(), m["metadata"]!["name"]!.GetValue<string>());
        }
    }

    [Fact]
    public void Validator_RejectsWhatTheApiServerRejects()
    {
        var schema = CrdSchema.Load(TestPaths.SharedData("kserve", "serving.kserve.io_inferenceservices.yaml"));
        var isvc = Manifests().First(m => m["kind"]!.GetValue<string>() == "InferenceService");
        Assert.Empty(schema.Validate(isvc));

        var typo = (JsonObject)isvc.DeepClone();
        typo["spec"]!["predictor"]!["minReplica"] = 1;
        Assert.Contains(schema.Validate(typo), e => e.Contains(".spec.predictor.minReplica: unknown field", StringComparison.Ordinal));

        var wrongType = (JsonObject)isvc.DeepClone();
        wrongType["spec"]!["predictor"]!["maxReplicas"] = "three";
        Assert.Contains(schema.Validate(wrongType), e => e.Contains(".spec.predictor.maxReplicas: expected an integer", StringComparison.Ordinal));

        var noPredictor = (JsonObject)isvc.DeepClone();
        noPredictor["spec"]!.AsObject().Remove("predictor");
        Assert.Contains(schema.Validate(noPredictor), e => e.Contains(".spec.predictor: required", StringComparison.Ordinal));
    }

    [Fact]
    public void Runtime_ServesV1AndV2_StartsServeWithKServeArguments_AndProbesTheV2HealthPaths()
    {
        var runtime = Assert.Single(Manifests(), m => m["kind"]!.GetValue<string>() == "ClusterServingRuntime");
        var spec = runtime["spec"]!;
        Assert.Equal(["v1", "v2"], spec["protocolVersions"]!.AsArray().Select(v => v!.GetValue<string>()));
        var container = Assert.Single(spec["containers"]!.AsArray())!;
        var args = container["args"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
        Assert.Equal("serve", args[0]);
        Assert.Contains("--model_name={{.Name}}", args);
        Assert.Contains("--model_dir=/mnt/models", args);
        Assert.Contains("--http_port=8080", args);
        Assert.Equal("/v2/health/ready", container["readinessProbe"]!["httpGet"]!["path"]!.GetValue<string>());
        Assert.Equal("/v2/health/live", container["livenessProbe"]!["httpGet"]!["path"]!.GetValue<string>());
        Assert.True(container["securityContext"]!["runAsNonRoot"]!.GetValue<bool>());
        Assert.True(container["securityContext"]!["readOnlyRootFilesystem"]!.GetValue<bool>());
    }

    [Fact]
    public void EveryShippedModel_HasAnInferenceService_InLiftWingsNamespace_WithLiftWingsAnnotations()
    {
        var isvcs = Manifests().Where(m => m["kind"]!.GetValue<string>() == "InferenceService").ToList();
        var runtime = Manifests().Single(m => m["kind"]!.GetValue<string>() == "ClusterServingRuntime");
        var format = runtime["spec"]!["supportedModelFormats"]![0]!["name"]!.GetValue<string>();
        var shipped = Directory.EnumerateDirectories(TestPaths.Models).Select(Path.GetFileName)
            .Where(n => n != "example-linear") // the project's own test model, not a service
            .Select(n => n!.ToLowerInvariant()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(shipped, isvcs.Select(i => i["metadata"]!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal));

        foreach (var isvc in isvcs)
        {
            var name = isvc["metadata"]!["name"]!.GetValue<string>();
            Assert.Equal(s_namespaces[name], isvc["metadata"]!["namespace"]!.GetValue<string>());
            var annotations = isvc["metadata"]!["annotations"]!.AsObject();
            Assert.Equal("true", annotations["sidecar.istio.io/inject"]!.GetValue<string>());
            Assert.Equal("true", annotations["prometheus.kserve.io/scrape"]!.GetValue<string>());
            Assert.Equal("8080", annotations["prometheus.kserve.io/port"]!.GetValue<string>());
            Assert.Equal("/metrics", annotations["prometheus.kserve.io/path"]!.GetValue<string>());
            Assert.Contains(annotations["autoscaling.knative.dev/metric"]!.GetValue<string>(), new[] { "rps", "concurrency" });
            var predictor = isvc["spec"]!["predictor"]!;
            Assert.Equal("kserve", predictor["serviceAccountName"]!.GetValue<string>());
            Assert.Equal("RuntimeDefault", predictor["securityContext"]!["seccompProfile"]!["type"]!.GetValue<string>());
            Assert.Equal("2", predictor["dnsConfig"]!["options"]![0]!["value"]!.GetValue<string>());
            Assert.Equal("liftwing", predictor["model"]!["runtime"]!.GetValue<string>());
            Assert.Equal(format, predictor["model"]!["modelFormat"]!["name"]!.GetValue<string>());
            Assert.NotNull(predictor["model"]!["storageUri"]);
        }

        // Spot values from Lift Wing's production settings (liftwing-reference.md §6.2).
        var rr = isvcs.Single(i => i["metadata"]!["name"]!.GetValue<string>() == "revertrisk-language-agnostic");
        Assert.Equal("15", rr["metadata"]!["annotations"]!["autoscaling.knative.dev/target"]!.GetValue<string>());
        Assert.Equal(5, rr["spec"]!["predictor"]!["minReplicas"]!.GetValue<long>());
        Assert.Equal(15, rr["spec"]!["predictor"]!["maxReplicas"]!.GetValue<long>());
        var langid = isvcs.Single(i => i["metadata"]!["name"]!.GetValue<string>() == "langid");
        Assert.Equal("50", langid["metadata"]!["annotations"]!["autoscaling.knative.dev/target"]!.GetValue<string>());
        Assert.Equal("2Gi", langid["spec"]!["predictor"]!["model"]!["resources"]!["limits"]!["memory"]!.GetValue<string>());
    }

    [GeneratedRegex("^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex DnsLabel();
}

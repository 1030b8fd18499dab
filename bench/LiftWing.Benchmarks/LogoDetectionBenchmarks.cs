using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using LiftWing.Core.Artifacts;
using LiftWing.Core.Inference;
using LiftWing.Core.Models;
using LiftWing.Models.LogoDetection;
using LiftWing.Runtimes.Images;
using Microsoft.Extensions.Options;

namespace LiftWing.Benchmarks;

/// <summary>
/// logo-detection: one image end to end (base64 decode + sniff + header checks + decode + resize + ResNet18 + head
/// + JSON), the same split into its parts, and a 50-image request (one batch).
/// Run: dotnet run -c Release --project bench/LiftWing.Benchmarks -- --filter '*LogoDetection*' --inProcess --warmupCount 3 --iterationCount 10
/// </summary>
public class LogoDetectionBenchmarks
{
    private IModel _model = null!;
    private InferenceRequest _logo = null!;
    private InferenceRequest _photo = null!;
    private InferenceRequest _fifty = null!;
    private byte[] _photoBytes = null!;
    private float[] _tensor = null!;
    private ResNet18Featurizer _featurizer = null!;

    [GlobalSetup]
    public void Setup()
    {
        var root = FindRoot();
        var config = ModelConfigLoader.Load(Path.Combine(root, "models", "logo-detection", "model.yaml"));
        var store = new ArtifactStore(Options.Create(new ArtifactStoreOptions()));
        var paths = config.Artifacts.ToDictionary(a => a.Name, a => store.EnsureAsync(a, config.Directory, CancellationToken.None).GetAwaiter().GetResult());
        var model = new LogoDetectionModel(config, TimeProvider.System, static () => new HttpClient(ImageUrlFetcher.CreateHandler()));
        model.LoadAsync(new ModelLoadContext(paths), CancellationToken.None).GetAwaiter().GetResult();
        _model = model;
        _featurizer = new ResNet18Featurizer(paths["backbone"], paths["preprocess"]);

        var data = Path.GetFullPath(Path.Combine(root, "..", "shared", "data", "liftwing", "logo"));
        byte[] Read(string f) => File.ReadAllBytes(Path.Combine(data, f));
        JsonObject Instance(string f) => new() { ["filename"] = f, ["image"] = Convert.ToBase64String(Read(f)), ["target"] = "logo" };
        InferenceRequest Request(params JsonObject[] items) => new()
        {
            ModelName = "logo-detection",
            Body = JsonDocument.Parse(new JsonObject { ["instances"] = new JsonArray(items) }.ToJsonString()).RootElement,
        };
        string[] files = ["Cambia_logo.png", "Blooming_bush_(14248894271).jpg", "12_rue_de_Condé_-_detail.jpg"];
        _logo = Request(Instance(files[0]));
        _photo = Request(Instance(files[1]));
        _fifty = Request(Enumerable.Range(0, 50).Select(i => Instance(files[i % 3])).ToArray());
        _photoBytes = Read(files[1]);
        _tensor = new float[ResNet18Featurizer.ImageFloats];
    }

    [Benchmark(Description = "1 image end to end (PNG logo)")]
    public Task<InferenceResponse> OneLogo() => RunAsync(_logo);

    [Benchmark(Description = "1 image end to end (JPEG photo)")]
    public Task<InferenceResponse> OnePhoto() => RunAsync(_photo);

    [Benchmark(Description = "decode + resize only (JPEG photo)")]
    public float[] DecodeResize()
    {
        ImageTensorizer.DecodeInto(_photoBytes, new ImageLimitsOptions(), _tensor);
        return _tensor;
    }

    [Benchmark(Description = "ResNet18 only, batch 1")]
    public float[] Backbone()
    {
        var copy = (float[])_tensor.Clone();
        return _featurizer.Featurize(copy, 1);
    }

    [Benchmark(Description = "50-image request end to end")]
    public Task<InferenceResponse> FiftyImages() => RunAsync(_fifty);

    private async Task<InferenceResponse> RunAsync(InferenceRequest request)
    {
        var input = await _model.PreprocessAsync(request, CancellationToken.None);
        var output = await _model.PredictAsync(input, request, CancellationToken.None);
        return await _model.PostprocessAsync(output, request, CancellationToken.None);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _featurizer.Dispose();
        _model.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LiftWing.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("LiftWing.sln not found");
    }
}

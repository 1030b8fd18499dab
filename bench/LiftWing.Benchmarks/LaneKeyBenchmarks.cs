using System.Text;
using BenchmarkDotNet.Attributes;
using LiftWing.Core.Inference;
using LiftWing.Core.Models;
using LiftWing.Models.LangId;
using LiftWing.Server;
using LiftWing.Server.Http;

namespace LiftWing.Benchmarks;

/// <summary>
/// What the cached-hit lane does to get from a langid body to its cache key: the endpoint's parse and text check and
/// the model's own key (what every hit did before round 6), against <see cref="BodyKeyMemo"/>'s lookup of the same bytes.
/// Run: <c>dotnet run -c Release --project bench/LiftWing.Benchmarks -- --filter '*LaneKey*' --job short</c>
/// </summary>
[MemoryDiagnoser]
public class LaneKeyBenchmarks
{
    private static readonly byte[] s_body = Encoding.UTF8.GetBytes("""{"text":"Der schnelle braune Fuchs springt über den faulen Hund"}""");
    private readonly LiftWingServerOptions _options = new();
    private IModel _model = null!;
    private BodyKeyMemo _memo = null!;

    [GlobalSetup]
    public void Setup()
    {
        var path = LangIdBenchData.ModelPath();
        var model = new LangIdModel(ModelConfigLoader.Load(LangIdBenchData.ModelYaml));
        model.LoadAsync(new ModelLoadContext(new Dictionary<string, string> { ["model"] = path }), CancellationToken.None).GetAwaiter().GetResult();
        _model = model;
        _memo = BodyKeyMemo.For(model);
        _memo.Remember(s_body, "application/json", ParseAndKey() ?? throw new InvalidOperationException("langid made no key"));
    }

    /// <summary>The endpoint's parse and text check, then the model's key: the lane's work on a body it has not seen.</summary>
    [Benchmark(Baseline = true)]
    public string? ParseAndKey()
    {
        using var doc = RequestBodyReader.ParseJsonInPlace(s_body, "application/json", _options);
        return _model.GetCacheKey(new InferenceRequest { ModelName = "langid", Body = doc.RootElement });
    }

    /// <summary>The memo's lookup of the same bytes.</summary>
    [Benchmark]
    public string? Remembered() => _memo.Find(s_body, "application/json")?.Key;
}

using System.Text.Json;
using BenchmarkDotNet.Attributes;
using LiftWing.Core.Inference;
using LiftWing.Core.Models;
using LiftWing.Models.LangId;
using LiftWing.Runtimes.FastText;

namespace LiftWing.Benchmarks;

/// <summary>
/// langid: the fastText predictor on lid.176.ftz per 100-character text, and the whole model pipeline
/// (preprocess, predict, JSON). The native comparison is <c>-- langid-compare</c> (see <see cref="LangIdNativeComparison"/>).
/// </summary>
[MemoryDiagnoser]
public class LangIdBenchmarks
{
    private FastTextModel _fastText = null!;
    private IModel _model = null!;
    private IReadOnlyList<string> _texts = [];
    private InferenceRequest[] _requests = [];

    [GlobalSetup]
    public void Setup()
    {
        var path = LangIdBenchData.ModelPath();
        _fastText = FastTextModel.Load(path);
        _texts = LangIdBenchData.Texts();
        var model = new LangIdModel(ModelConfigLoader.Load(LangIdBenchData.ModelYaml));
        model.LoadAsync(new ModelLoadContext(new Dictionary<string, string> { ["model"] = path }), CancellationToken.None).GetAwaiter().GetResult();
        _model = model;
        _requests = _texts.Select(t => new InferenceRequest { ModelName = "langid", Body = JsonSerializer.SerializeToElement(new { text = t }) }).ToArray();
    }

    /// <summary>One prediction per text, averaged over the text set (OperationsPerInvoke).</summary>
    [Benchmark(OperationsPerInvoke = 25)]
    public float FastTextPredictTop1()
    {
        var sum = 0f;
        for (var i = 0; i < 25; i++)
        {
            sum += _fastText.Predict(_texts[i % _texts.Count], 1)[0].Probability;
        }

        return sum;
    }

    /// <summary>Model load time (lid.176.ftz, 938 kB).</summary>
    [Benchmark]
    public int LoadModel() => FastTextModel.Load(LangIdBenchData.ModelPath()).Labels.Count;

    /// <summary>Preprocess + predict + postprocess (JSON bytes) per request, without HTTP.</summary>
    [Benchmark(OperationsPerInvoke = 25)]
    public async Task<int> ModelPipeline()
    {
        var total = 0;
        for (var i = 0; i < 25; i++)
        {
            var request = _requests[i % _requests.Length];
            var input = await _model.PreprocessAsync(request, CancellationToken.None);
            var output = await _model.PredictAsync(input, request, CancellationToken.None);
            total += (await _model.PostprocessAsync(output, request, CancellationToken.None)).Json.Length;
        }

        return total;
    }
}

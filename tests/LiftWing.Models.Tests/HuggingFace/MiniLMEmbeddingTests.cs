using System.Text.Json;
using LiftWing.Core.Errors;
using LiftWing.Core.Inference;
using LiftWing.Core.Tensors;
using LiftWing.Models.HuggingFace;
using LiftWing.Runtimes.Onnx;
using LiftWing.Tests.Common;
using Microsoft.ML.OnnxRuntime;

namespace LiftWing.Models.Tests.HuggingFace;

/// <summary>The real MiniLM model against published and independently computed values.</summary>
public sealed class MiniLMEmbeddingTests(MiniLMFixture fixture) : IClassFixture<MiniLMFixture>
{
    private async Task<float[][]> EmbedAsync(string model, params string[] texts)
    {
        var result = await fixture.Host.PredictAsync(model, new { instances = texts });
        return result.GetProperty("predictions").EnumerateArray()
            .Select(p => p.EnumerateArray().Select(v => v.GetSingle()).ToArray()).ToArray();
    }

    [Fact]
    public async Task Embeddings_SentenceTransformersQuickstart_MatchPublishedSimilarities()
    {
        // The similarity matrix printed in the sentence-transformers quickstart (README / docs index) for
        // all-MiniLM-L6-v2: [[1, 0.6660, 0.1046], [0.6660, 1, 0.1411], [0.1046, 0.1411, 1]].
        var e = await EmbedAsync(MiniLMFixture.Batched, "The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium.");

        Assert.All(e, v => Assert.Equal(384, v.Length));
        Assert.Equal(0.6660, VectorMath.Cosine(e[0], e[1]), 0.002);
        Assert.Equal(0.1046, VectorMath.Cosine(e[0], e[2]), 0.002);
        Assert.Equal(0.1411, VectorMath.Cosine(e[1], e[2]), 0.002);
    }

    [Fact]
    public async Task Embeddings_CatAndKitten_AreSimilarAndUnrelatedAreNot()
    {
        var e = await EmbedAsync(MiniLMFixture.Batched, "A cat sits on the mat", "A kitten is on the rug", "The stock market fell sharply today");

        // models-and-data.md quotes 0.643 for this pair from an unpublished script; this pipeline gives 0.608 while
        // it reproduces the published quickstart matrix above to 3 decimals, so only "clearly similar" is asserted.
        Assert.InRange(VectorMath.Cosine(e[0], e[1]), 0.55, 0.70);
        Assert.True(VectorMath.Cosine(e[0], e[2]) < 0.2);
    }

    [Fact]
    public async Task Embeddings_ExampleSentence_MatchesReferenceVectorAndUnitNorm()
    {
        var e = (await EmbedAsync(MiniLMFixture.Batched, "This is an example sentence"))[0];

        // The widely quoted first values of the normalised all-MiniLM-L6-v2 embedding of this sentence.
        float[] reference = [0.06766f, 0.06350f, 0.04871f, 0.07930f, 0.03745f];
        for (var i = 0; i < reference.Length; i++)
        {
            Assert.Equal(reference[i], e[i], 0.0005f);
        }

        Assert.Equal(1.0, Math.Sqrt(e.Sum(x => (double)x * x)), 1e-5);
    }

    [Fact]
    public async Task Embeddings_MatchRawOnnxRuntimeMeanPooling()
    {
        // An independent path: ids from the published tokenization, the graph run directly, pooling written out here.
        long[] ids = [101, 2023, 2003, 2019, 2742, 6251, 102];
        using var session = OnnxSession.Create(ModelPath());
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, [1, ids.Length]);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(Enumerable.Repeat(1L, ids.Length).ToArray(), [1, ids.Length]);
        using var typeValue = OrtValue.CreateTensorValueFromMemory(new long[ids.Length], [1, ids.Length]);
        using var outputs = session.Run(["input_ids", "attention_mask", "token_type_ids"], [idsValue, maskValue, typeValue], ["last_hidden_state"]);
        var hidden = outputs[0].GetTensorDataAsSpan<float>().ToArray();
        var expected = new double[384];
        for (var t = 0; t < ids.Length; t++)
        {
            for (var d = 0; d < 384; d++)
            {
                expected[d] += hidden[(t * 384) + d] / ids.Length;
            }
        }

        var norm = Math.Sqrt(expected.Sum(x => x * x));
        var actual = (await EmbedAsync(MiniLMFixture.Unbatched, "This is an example sentence"))[0];
        for (var d = 0; d < 384; d++)
        {
            Assert.Equal(expected[d] / norm, actual[d], 1e-5);
        }
    }

    private string ModelPath()
    {
        var spec = fixture.BatchedModel.Config.Artifacts.Single(a => a.Name == "model");
        var store = new LiftWing.Core.Artifacts.ArtifactStore(Microsoft.Extensions.Options.Options.Create(new LiftWing.Core.Artifacts.ArtifactStoreOptions()));
        return store.TryGetCached(spec, fixture.BatchedModel.Config.Directory) ?? throw new InvalidOperationException("model not cached");
    }

    [Fact]
    public async Task Batching_ConcurrentRequestsOfMixedLengths_EqualUnbatchedWithin1e5()
    {
        string[] texts =
        [
            "Hi",
            "The quick brown fox jumps over the lazy dog.",
            "Wikipedia is a free online encyclopedia, created and edited by volunteers around the world.",
            "A cat sits on the mat",
            "Lift Wing serves machine learning models for Wikimedia projects, including revert risk and article quality.",
            "ok",
            "Paris is the capital of France.",
            "Embeddings map sentences to points in a 384-dimensional space.",
        ];
        var unbatched = new List<float[]>();
        foreach (var t in texts)
        {
            unbatched.Add((await EmbedAsync(MiniLMFixture.Unbatched, t))[0]);
        }

        // All at once, several times over, so the batcher merges different subsets with different padding.
        var tasks = Enumerable.Range(0, 4).SelectMany(_ => texts.Select(t => EmbedAsync(MiniLMFixture.Batched, t))).ToList();
        var batched = await Task.WhenAll(tasks);

        for (var i = 0; i < batched.Length; i++)
        {
            var expected = unbatched[i % texts.Length];
            var actual = batched[i][0];
            var maxDiff = expected.Zip(actual, (a, b) => Math.Abs(a - b)).Max();
            Assert.True(maxDiff <= 1e-5, $"text {i % texts.Length}: max |diff| {maxDiff}");
        }

        Assert.True(fixture.BatchedModel.Batching);
        Assert.False(fixture.UnbatchedModel.Batching);
    }

    [Fact]
    public async Task V2Infer_BytesInput_ReturnsEmbeddingMatrix()
    {
        var response = await fixture.Host.Inference.InferAsync(new InferenceRequest
        {
            ModelName = MiniLMFixture.Batched,
            Protocol = InferenceProtocol.V2,
            Tensors = new InferTensorRequest { Inputs = [new TensorData("text", "BYTES", [2], new[] { "A cat sits on the mat", "A kitten is on the rug" })] },
        }, CancellationToken.None);

        var output = Assert.Single(response.Tensors!.Outputs);
        Assert.Equal("embedding", output.Name);
        Assert.Equal("FP32", output.Datatype);
        Assert.Equal(new long[] { 2, 384 }, output.Shape);
        var data = (float[])output.Data;
        var v1 = await EmbedAsync(MiniLMFixture.Batched, "A cat sits on the mat", "A kitten is on the rug");
        for (var d = 0; d < 384; d++)
        {
            Assert.Equal(v1[0][d], data[d], 1e-5f);
            Assert.Equal(v1[1][d], data[384 + d], 1e-5f);
        }
        Assert.Equal([-1, 384], fixture.BatchedModel.Metadata.Outputs[0].Shape);
    }

    [Fact]
    public async Task OpenAI_FloatAndBase64_CarryTheSameVectorsAndCountTokens()
    {
        var body = new { model = MiniLMFixture.Batched, input = new[] { "This is an example sentence", "Hi" } };
        var floats = await fixture.Host.PredictAsync(MiniLMFixture.Batched, body, InferenceProtocol.OpenAI);
        var base64 = await fixture.Host.PredictAsync(MiniLMFixture.Batched, new { model = MiniLMFixture.Batched, input = body.input, encoding_format = "base64" }, InferenceProtocol.OpenAI);

        Assert.Equal("list", floats.GetProperty("object").GetString());
        Assert.Equal(MiniLMFixture.Batched, floats.GetProperty("model").GetString());
        // [CLS] this is an example sentence [SEP] = 7 tokens; [CLS] hi [SEP] = 3.
        Assert.Equal(10, floats.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(10, floats.GetProperty("usage").GetProperty("total_tokens").GetInt32());
        var data = floats.GetProperty("data");
        Assert.Equal(2, data.GetArrayLength());
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal("embedding", data[i].GetProperty("object").GetString());
            Assert.Equal(i, data[i].GetProperty("index").GetInt32());
            var f = data[i].GetProperty("embedding").EnumerateArray().Select(v => v.GetSingle()).ToArray();
            var b = OpenAIEmbeddingResponse.DecodeBase64(base64.GetProperty("data")[i].GetProperty("embedding").GetString()!);
            Assert.Equal(384, b.Length);
            Assert.Equal(f, b);
        }

        Assert.Equal(0.06766f, data[0].GetProperty("embedding")[0].GetSingle(), 0.0005f);
    }

    [Theory]
    [InlineData("""{"model":"all-MiniLM-L6-v2"}""", "'input' is a required property")]
    [InlineData("""{"model":"all-MiniLM-L6-v2","input":[]}""", "empty list")]
    [InlineData("""{"model":"all-MiniLM-L6-v2","input":""}""", "must not be an empty string")]
    [InlineData("""{"model":"all-MiniLM-L6-v2","input":[101,2023]}""", "token lists is not supported")]
    [InlineData("""{"model":"all-MiniLM-L6-v2","input":[[101,2023]]}""", "token lists is not supported")]
    [InlineData("""{"model":"all-MiniLM-L6-v2","input":"x","encoding_format":"hex"}""", "'encoding_format'")]
    [InlineData("""{"model":"all-MiniLM-L6-v2","input":"x","dimensions":128}""", "does not support 'dimensions'")]
    [InlineData("""{"model":"all-MiniLM-L6-v2","input":{"a":1}}""", "a string or a list of strings")]
    [InlineData("""{"input":"x"}""", "'model' is a required property")]
    public async Task OpenAI_InvalidRequest_Is400(string body, string message)
    {
        var request = new InferenceRequest { ModelName = MiniLMFixture.Batched, Protocol = InferenceProtocol.OpenAI, Body = JsonDocument.Parse(body).RootElement };
        var ex = await Assert.ThrowsAsync<InvalidInputException>(() => fixture.Host.Inference.InferAsync(request, CancellationToken.None).AsTask());
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public async Task OpenAI_NativeDimensions_IsAccepted()
    {
        var result = await fixture.Host.PredictAsync(MiniLMFixture.Batched, new { model = MiniLMFixture.Batched, input = "x", dimensions = 384 }, InferenceProtocol.OpenAI);
        Assert.Equal(384, result.GetProperty("data")[0].GetProperty("embedding").GetArrayLength());
    }

    [Fact]
    public async Task Limits_TooManyInstancesOrCharacters_Are400()
    {
        var many = new InferenceRequest { ModelName = MiniLMFixture.Batched, Body = JsonSerializer.SerializeToElement(new { instances = Enumerable.Repeat("x", 257).ToArray() }) };
        var ex = await Assert.ThrowsAsync<InvalidInputException>(() => fixture.Host.Inference.InferAsync(many, CancellationToken.None).AsTask());
        Assert.Contains("limit is 256", ex.Message);

        var huge = new InferenceRequest { ModelName = MiniLMFixture.Batched, Body = JsonSerializer.SerializeToElement(new { instances = new[] { new string('a', 20_001) } }) };
        ex = await Assert.ThrowsAsync<InvalidInputException>(() => fixture.Host.Inference.InferAsync(huge, CancellationToken.None).AsTask());
        Assert.Contains("limit is 20000", ex.Message);
    }

    [Fact]
    public async Task LongText_IsTruncatedTo256Tokens()
    {
        var words = string.Join(' ', Enumerable.Repeat("wikipedia", 600));
        var result = await fixture.Host.PredictAsync(MiniLMFixture.Batched, new { model = MiniLMFixture.Batched, input = words }, InferenceProtocol.OpenAI);
        Assert.Equal(256, result.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(0, true)]
    public async Task SessionThreadsAndSpinning_FromModelYaml_GiveTheSameResponseBytes(int threads, bool spinning)
    {
        // intra_op_threads / intra_op_spinning only change who runs the matrix kernels and how the threads wait: the
        // answer must be the default session's, to the last byte.
        var name = $"minilm-threads{threads}-spin{spinning}";
        await fixture.Host.LoadAsync(Path.Combine(TestPaths.Models, MiniLMFixture.Batched), c =>
        {
            var options = System.Text.Json.Nodes.JsonNode.Parse(c.Options.GetRawText())!.AsObject();
            options["intra_op_threads"] = threads;
            options["intra_op_spinning"] = spinning;
            return c with { Name = name, Options = JsonSerializer.SerializeToElement(options) };
        });
        var body = JsonSerializer.SerializeToElement(new { instances = new[] { "The quick brown fox jumps over the lazy dog.", "Hi", "Paris is the capital and most populous city of France." } });
        for (var pass = 0; pass < 3; pass++)
        {
            var expected = await fixture.Host.Inference.InferAsync(new InferenceRequest { ModelName = MiniLMFixture.Unbatched, Body = body }, CancellationToken.None);
            var actual = await fixture.Host.Inference.InferAsync(new InferenceRequest { ModelName = name, Body = body }, CancellationToken.None);
            Assert.Equal(expected.Json.ToArray(), actual.Json.ToArray());
        }
    }
}

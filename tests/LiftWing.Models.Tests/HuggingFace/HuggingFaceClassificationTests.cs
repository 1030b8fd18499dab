using System.Text.Json;
using LiftWing.Core.Errors;
using LiftWing.Core.Inference;
using LiftWing.Core.Tensors;
using LiftWing.Models.HuggingFace;

namespace LiftWing.Models.Tests.HuggingFace;

/// <summary>
/// "Any HF folder serves with no code change": classifiers the test builds itself (config.json + tokenizer +
/// model.onnx + a model.yaml with only name and server) load through the real registration, and their answers
/// match values computed here by hand from the graph's closed form.
/// </summary>
public sealed class HuggingFaceClassificationTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("lw-hf-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>softmax(mean(E) · W + b) for the tiny sentiment graph, computed independently of the server.</summary>
    private static double[] ExpectedProbabilities(params string[] tokens)
    {
        // [CLS] and [SEP] count in the mean (they are real, attended tokens) and contribute (0, 0).
        var n = tokens.Length + 2;
        var pos = tokens.Sum(t => TinyHfFolders.Sentiment(t).Pos) / n;
        var neg = tokens.Sum(t => TinyHfFolders.Sentiment(t).Neg) / n;
        double l0 = -pos + neg + TinyHfFolders.ClassifierBias[0], l1 = pos - neg + TinyHfFolders.ClassifierBias[1];
        var z = Math.Exp(l0) + Math.Exp(l1);
        return [Math.Exp(l0) / z, Math.Exp(l1) / z];
    }

    [Fact]
    public async Task SequenceClassifier_FolderWithoutOptions_InfersTaskAndUsesId2Label()
    {
        var dir = TinyHfFolders.WriteSequenceClassifier(_root, "tiny-sentiment");
        await using var host = new HfTestHost();
        var model = (HuggingFaceModel)await host.LoadAsync(dir);
        Assert.Equal(HuggingFaceTask.SequenceClassification, model.Task);

        var result = await host.PredictAsync("tiny-sentiment", new { instances = new[] { "The movie was great", "the movie was AWFUL.", "not good, not bad" } });

        var predictions = result.GetProperty("predictions");
        Assert.Equal(3, predictions.GetArrayLength());
        var great = ExpectedProbabilities("the", "movie", "was", "great");
        Assert.Equal("POSITIVE", predictions[0].GetProperty("label").GetString());
        Assert.Equal(great[1], predictions[0].GetProperty("score").GetDouble(), 5);
        var awful = ExpectedProbabilities("the", "movie", "was", "awful", ".");
        Assert.Equal("NEGATIVE", predictions[1].GetProperty("label").GetString());
        Assert.Equal(awful[0], predictions[1].GetProperty("score").GetDouble(), 5);
        // "not good , not bad": "," is [UNK]; positive and negative cancel, the bias (0.05 on NEGATIVE) decides.
        var mixed = ExpectedProbabilities("not", "good", "[UNK]", "not", "bad");
        Assert.Equal("NEGATIVE", predictions[2].GetProperty("label").GetString());
        Assert.Equal(mixed[0], predictions[2].GetProperty("score").GetDouble(), 5);
    }

    [Fact]
    public async Task SequenceClassifier_ReturnProbabilities_GivesEveryLabel()
    {
        var dir = TinyHfFolders.WriteSequenceClassifier(_root, "tiny-probs", "options:\n  return_probabilities: true\n");
        await using var host = new HfTestHost();
        await host.LoadAsync(dir);

        var result = await host.PredictAsync("tiny-probs", new { instances = new[] { "good" } });

        var probs = result.GetProperty("predictions")[0].GetProperty("probabilities");
        var expected = ExpectedProbabilities("good");
        Assert.Equal(expected[0], probs.GetProperty("NEGATIVE").GetDouble(), 5);
        Assert.Equal(expected[1], probs.GetProperty("POSITIVE").GetDouble(), 5);
    }

    [Fact]
    public async Task SequenceClassifier_PaddingInBatch_DoesNotChangeScores()
    {
        var dir = TinyHfFolders.WriteSequenceClassifier(_root, "tiny-pad");
        await using var host = new HfTestHost();
        await host.LoadAsync(dir);

        var alone = await host.PredictAsync("tiny-pad", new { instances = new[] { "great" } });
        var padded = await host.PredictAsync("tiny-pad", new { instances = new[] { "great", "the movie was not good the movie was bad" } });

        Assert.Equal(
            alone.GetProperty("predictions")[0].GetProperty("score").GetDouble(),
            padded.GetProperty("predictions")[0].GetProperty("score").GetDouble(), 6);
    }

    [Fact]
    public async Task SequenceClassifier_V2BytesInput_ReturnsLabelScoreAndProbabilities()
    {
        var dir = TinyHfFolders.WriteSequenceClassifier(_root, "tiny-v2");
        await using var host = new HfTestHost();
        var model = await host.LoadAsync(dir);
        Assert.Equal(["text"], model.Metadata.Inputs.Select(i => i.Name));

        var response = await host.Inference.InferAsync(new InferenceRequest
        {
            ModelName = "tiny-v2",
            Protocol = InferenceProtocol.V2,
            Tensors = new InferTensorRequest { Id = "7", Inputs = [new TensorData("text", "BYTES", [2], new[] { "good", "bad" })] },
        }, CancellationToken.None);

        var outputs = response.Tensors!.Outputs.ToDictionary(o => o.Name);
        Assert.Equal(new[] { "POSITIVE", "NEGATIVE" }, (string[])outputs["label"].Data);
        Assert.Equal(new long[] { 2, 2 }, outputs["probabilities"].Shape);
        var probs = (float[])outputs["probabilities"].Data;
        Assert.Equal(ExpectedProbabilities("good")[1], probs[1], 5);
        Assert.Equal("7", response.Tensors.Id);
    }

    [Fact]
    public async Task SequenceClassifier_TooLongWithoutTruncation_Is400()
    {
        var dir = TinyHfFolders.WriteSequenceClassifier(_root, "tiny-strict", "options:\n  truncate: false\n");
        await using var host = new HfTestHost();
        await host.LoadAsync(dir);

        // max_position_embeddings is 16: 20 words + [CLS] + [SEP] is too long.
        var request = new InferenceRequest { ModelName = "tiny-strict", Body = JsonSerializer.SerializeToElement(new { instances = new[] { string.Join(' ', Enumerable.Repeat("good", 20)) } }) };
        var ex = await Assert.ThrowsAsync<InvalidInputException>(() => host.Inference.InferAsync(request, CancellationToken.None).AsTask());
        Assert.Contains("maximum of 16", ex.Message);
    }

    [Fact]
    public async Task SequenceClassifier_LongInputWithTruncation_ScoresFirstTokensOnly()
    {
        var dir = TinyHfFolders.WriteSequenceClassifier(_root, "tiny-trunc");
        await using var host = new HfTestHost();
        await host.LoadAsync(dir);

        // 14 x "good" fit (16 - 2); the 20 trailing "awful" are cut, so the text is all positive.
        var text = string.Join(' ', Enumerable.Repeat("good", 14).Concat(Enumerable.Repeat("awful", 20)));
        var result = await host.PredictAsync("tiny-trunc", new { instances = new[] { text } });

        var expected = ExpectedProbabilities(Enumerable.Repeat("good", 14).ToArray());
        Assert.Equal("POSITIVE", result.GetProperty("predictions")[0].GetProperty("label").GetString());
        Assert.Equal(expected[1], result.GetProperty("predictions")[0].GetProperty("score").GetDouble(), 5);
    }

    [Theory]
    [InlineData("""{"instances": "good"}""", "to be a list")]
    [InlineData("""{"instances": [1]}""", "must be a string")]
    [InlineData("""{"instances": []}""", "at least one")]
    [InlineData("""{"text": "good"}""", "\"instances\"")]
    public async Task Predict_BadBody_Is400(string body, string message)
    {
        var dir = TinyHfFolders.WriteSequenceClassifier(_root, "tiny-bad");
        await using var host = new HfTestHost();
        await host.LoadAsync(dir);

        var request = new InferenceRequest { ModelName = "tiny-bad", Body = JsonDocument.Parse(body).RootElement };
        var ex = await Assert.ThrowsAsync<InvalidInputException>(() => host.Inference.InferAsync(request, CancellationToken.None).AsTask());
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public async Task SequenceClassifier_OpenAIEmbeddings_Is400()
    {
        var dir = TinyHfFolders.WriteSequenceClassifier(_root, "tiny-openai");
        await using var host = new HfTestHost();
        var model = await host.LoadAsync(dir);
        Assert.False(((HuggingFaceModel)model).SupportsEmbeddings);

        var request = new InferenceRequest { ModelName = "tiny-openai", Protocol = InferenceProtocol.OpenAI, Body = JsonSerializer.SerializeToElement(new { model = "tiny-openai", input = "good" }) };
        var ex = await Assert.ThrowsAsync<InvalidInputException>(() => host.Inference.InferAsync(request, CancellationToken.None).AsTask());
        Assert.Contains("does not support embeddings", ex.Message);
    }

    [Fact]
    public async Task TokenClassifier_TokenizerJsonFolder_GroupsEntities()
    {
        var dir = TinyHfFolders.WriteTokenClassifier(_root, "tiny-ner");
        await using var host = new HfTestHost();
        var model = (HuggingFaceModel)await host.LoadAsync(dir);
        Assert.Equal(HuggingFaceTask.TokenClassification, model.Task);

        var result = await host.PredictAsync("tiny-ner", new { instances = new[] { "John Smith lives in Paris.", "the movie" } });

        var entities = result.GetProperty("predictions")[0];
        Assert.Equal(2, entities.GetArrayLength());
        // Each labelled token has logit 5 against three 0s: p = e^5 / (e^5 + 3).
        var p = Math.Exp(5) / (Math.Exp(5) + 3);
        Assert.Equal("PER", entities[0].GetProperty("entity_group").GetString());
        Assert.Equal("john smith", entities[0].GetProperty("word").GetString());
        Assert.Equal(0, entities[0].GetProperty("start").GetInt32());
        Assert.Equal(10, entities[0].GetProperty("end").GetInt32());
        Assert.Equal(p, entities[0].GetProperty("score").GetDouble(), 5);
        Assert.Equal("LOC", entities[1].GetProperty("entity_group").GetString());
        Assert.Equal("paris", entities[1].GetProperty("word").GetString());
        Assert.Equal(20, entities[1].GetProperty("start").GetInt32());
        Assert.Equal(0, result.GetProperty("predictions")[1].GetArrayLength());
    }
}

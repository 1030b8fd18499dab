using System.Text.Json;

namespace LiftWing.Models.Tests.HuggingFace;

/// <summary>
/// Writes small but real Hugging Face model folders (config.json, a tokenizer, model.onnx, model.yaml) whose
/// outputs have a closed form, so tests can check the server against hand-computed values.
/// </summary>
internal static class TinyHfFolders
{
    public static readonly string[] Vocab =
    [
        "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "movie", "was", "good", "great",
        "bad", "awful", "not", "john", "smith", "lives", "in", "paris", ".", "##s",
    ];

    /// <summary>Sentiment per token: positive mass, negative mass.</summary>
    public static (float Pos, float Neg) Sentiment(string token) => token switch
    {
        "good" => (1, 0),
        "great" => (2, 0),
        "bad" => (0, 1),
        "awful" => (0, 2),
        _ => (0, 0),
    };

    /// <summary>logits = mean-over-mask(E[ids]) · W + b, with W = [[-1, 1], [1, -1]] and b = [0.05, 0].</summary>
    public static readonly float[] ClassifierBias = [0.05f, 0f];

    /// <summary>
    /// A BertForSequenceClassification-style folder: vocab.txt, config.json with id2label {0: NEGATIVE, 1: POSITIVE},
    /// model.onnx, and a model.yaml with no options (the task comes from the architecture).
    /// </summary>
    public static string WriteSequenceClassifier(string root, string name, string extraYaml = "")
    {
        var dir = Directory.CreateDirectory(Path.Combine(root, name)).FullName;
        File.WriteAllLines(Path.Combine(dir, "vocab.txt"), Vocab);
        File.WriteAllText(Path.Combine(dir, "config.json"), JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["architectures"] = new[] { "BertForSequenceClassification" },
            ["model_type"] = "bert",
            ["id2label"] = new Dictionary<string, string> { ["0"] = "NEGATIVE", ["1"] = "POSITIVE" },
            ["max_position_embeddings"] = 16,
        }));
        var embeddings = Vocab.SelectMany(t => { var (p, n) = Sentiment(t); return new[] { p, n }; }).ToArray();
        var onnx = new OnnxProtoWriter()
            .Input("input_ids", int64: true, "batch", "sequence")
            .Input("attention_mask", int64: true, "batch", "sequence")
            .Output("logits", int64: false, "batch", 2)
            .FloatInitializer("E", [Vocab.Length, 2], embeddings)
            .FloatInitializer("W", [2, 2], [-1, 1, 1, -1])
            .FloatInitializer("b", [2], ClassifierBias)
            .Int64Initializer("axis2", [1], [2])
            .Int64Initializer("axis1", [1], [1])
            .Node("Gather", ["E", "input_ids"], ["emb"])
            .Node("Cast", ["attention_mask"], ["maskf"], ("to", 1))
            .Node("Unsqueeze", ["maskf", "axis2"], ["mask3"])
            .Node("Mul", ["emb", "mask3"], ["masked"])
            .Node("ReduceSum", ["masked", "axis1"], ["sum"], ("keepdims", 0))
            .Node("ReduceSum", ["mask3", "axis1"], ["count"], ("keepdims", 0))
            .Node("Div", ["sum", "count"], ["mean"])
            .Node("MatMul", ["mean", "W"], ["mm"])
            .Node("Add", ["mm", "b"], ["logits"])
            .Build();
        File.WriteAllBytes(Path.Combine(dir, "model.onnx"), onnx);
        File.WriteAllText(Path.Combine(dir, "model.yaml"), $"name: {name}\nserver: huggingface\nversion: \"1\"\n{extraYaml}");
        return dir;
    }

    /// <summary>Token labels: O, B-PER, I-PER, B-LOC.</summary>
    public static readonly string[] TokenLabels = ["O", "B-PER", "I-PER", "B-LOC"];

    /// <summary>Per-token logits: john → B-PER, smith → I-PER, paris → B-LOC (logit 5), every other token → O (logit 5).</summary>
    public static float[] TokenLogits(string token) => token switch
    {
        "john" => [0, 5, 0, 0],
        "smith" => [0, 0, 5, 0],
        "paris" => [0, 0, 0, 5],
        _ => [5, 0, 0, 0],
    };

    /// <summary>
    /// A BertForTokenClassification-style folder with a WordPiece tokenizer.json (no vocab.txt) and a graph that
    /// takes only input_ids.
    /// </summary>
    public static string WriteTokenClassifier(string root, string name)
    {
        var dir = Directory.CreateDirectory(Path.Combine(root, name)).FullName;
        var vocab = Vocab.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i);
        File.WriteAllText(Path.Combine(dir, "tokenizer.json"), JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["version"] = "1.0",
            ["normalizer"] = new Dictionary<string, object?> { ["type"] = "BertNormalizer", ["clean_text"] = true, ["handle_chinese_chars"] = true, ["strip_accents"] = null, ["lowercase"] = true },
            ["pre_tokenizer"] = new Dictionary<string, object> { ["type"] = "BertPreTokenizer" },
            ["model"] = new Dictionary<string, object> { ["type"] = "WordPiece", ["unk_token"] = "[UNK]", ["continuing_subword_prefix"] = "##", ["max_input_chars_per_word"] = 100, ["vocab"] = vocab },
        }));
        File.WriteAllText(Path.Combine(dir, "config.json"), JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["architectures"] = new[] { "BertForTokenClassification" },
            ["id2label"] = TokenLabels.Select((l, i) => (l, i)).ToDictionary(x => x.i.ToString(System.Globalization.CultureInfo.InvariantCulture), x => x.l),
            ["max_position_embeddings"] = 32,
        }));
        var table = Vocab.SelectMany(TokenLogits).ToArray();
        var onnx = new OnnxProtoWriter()
            .Input("input_ids", int64: true, "batch", "sequence")
            .Output("logits", int64: false, "batch", "sequence", TokenLabels.Length)
            .FloatInitializer("T", [Vocab.Length, TokenLabels.Length], table)
            .Node("Gather", ["T", "input_ids"], ["logits"])
            .Build();
        File.WriteAllBytes(Path.Combine(dir, "model.onnx"), onnx);
        File.WriteAllText(Path.Combine(dir, "model.yaml"), $"name: {name}\nserver: huggingface\n");
        return dir;
    }
}

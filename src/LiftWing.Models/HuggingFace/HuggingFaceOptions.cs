using System.ComponentModel.DataAnnotations;

namespace LiftWing.Models.HuggingFace;

/// <summary>The <c>options:</c> of a <c>server: huggingface</c> model.yaml (snake_case keys).</summary>
internal sealed class HuggingFaceOptions
{
    /// <summary>
    /// The task (<c>text_embedding</c>, <c>sequence_classification</c>, <c>token_classification</c>); null infers it
    /// from config.json's architectures, like KServe's <c>--task</c>. The default is null.
    /// </summary>
    public string? Task { get; set; }

    /// <summary>
    /// The folder holding config.json, the tokenizer and model.onnx when they are not declared as artifacts,
    /// relative to the model.yaml folder. The default is the model.yaml folder itself.
    /// </summary>
    public string ModelDir { get; set; } = ".";

    /// <summary>
    /// Tokens per text after truncation, special tokens included (KServe's <c>--max_length</c>). Null uses
    /// tokenizer_config.json's <c>model_max_length</c>, then config.json's <c>max_position_embeddings</c>, then 512.
    /// </summary>
    [Range(1, 1_000_000)]
    public int? MaxLength { get; set; }

    /// <summary>Truncate longer texts to <see cref="MaxLength"/> (true, as KServe) or refuse them with a 400 (false). The default is true.</summary>
    public bool Truncate { get; set; } = true;

    /// <summary>Lower-case (and strip accents) before WordPiece; null reads tokenizer_config.json / tokenizer.json, else true.</summary>
    public bool? DoLowerCase { get; set; }

    /// <summary>The most texts in one request; more is a 400. The default is 256.</summary>
    [Range(1, 100_000)]
    public int MaxInstances { get; set; } = 256;

    /// <summary>The most characters in one text; more is a 400 (tokenizing megabytes to keep 512 tokens wastes CPU). The default is 20000.</summary>
    [Range(1, int.MaxValue)]
    public int MaxInputChars { get; set; } = 20_000;

    /// <summary>The most texts run in one ONNX call when dynamic batching is off; bigger requests are split. The default is 32.</summary>
    [Range(1, 100_000)]
    public int MaxRunBatch { get; set; } = 32;

    /// <summary>
    /// How much padding one ONNX call may carry: a batch is split so that (texts × longest) stays within this
    /// factor of the real token count. 1 runs every length separately; a large value runs one call. The default is 1.3.
    /// </summary>
    [Range(1.0, double.MaxValue)]
    public double MaxPaddingRatio { get; set; } = 1.3;

    /// <summary>Embedding pooling: <c>mean</c> over the attention mask (sentence-transformers) or <c>cls</c>. The default is mean.</summary>
    public string Pooling { get; set; } = "mean";

    /// <summary>L2-normalise embeddings (KServe always does). The default is true.</summary>
    public bool Normalize { get; set; } = true;

    /// <summary>The graph output to read; null picks <c>last_hidden_state</c> / <c>logits</c>, else the first output. The default is null.</summary>
    public string? OutputName { get; set; }

    /// <summary>Sequence classification: also return every label's probability. The default is false.</summary>
    public bool ReturnProbabilities { get; set; }

    /// <summary>Token classification grouping: <c>simple</c> (entities, HF pipeline default for NER) or <c>none</c> (per token). The default is simple.</summary>
    public string Aggregation { get; set; } = "simple";

    /// <summary>ONNX Runtime intra-op threads; 0 is one per processor the process may use, threads not pinned to cores. The default is 0.</summary>
    public int IntraOpThreads { get; set; }

    /// <summary>
    /// Let ONNX Runtime's intra-op threads spin between operators while a run is in progress (never between
    /// requests); a one-sentence run is mostly short parallel sections, where waking a sleeping thread each time costs
    /// more than the work. The default is false.
    /// </summary>
    public bool IntraOpSpinning { get; set; }
}

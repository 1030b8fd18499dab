namespace LiftWing.Models.HuggingFace;

/// <summary>Parses task names and infers the task from <c>config.json</c> architectures, as KServe's <c>infer_task_from_model_architecture</c> does.</summary>
public static class HuggingFaceTasks
{
    /// <summary>The snake_case name of a task.</summary>
    public static string ToName(HuggingFaceTask task) => task switch
    {
        HuggingFaceTask.TextEmbedding => "text_embedding",
        HuggingFaceTask.SequenceClassification => "sequence_classification",
        HuggingFaceTask.TokenClassification => "token_classification",
        _ => throw new ArgumentOutOfRangeException(nameof(task)),
    };

    /// <summary>Parses a snake_case task name; unknown or unsupported names give a clear error.</summary>
    public static HuggingFaceTask Parse(string name) => name?.Trim().ToLowerInvariant() switch
    {
        "text_embedding" or "feature_extraction" => HuggingFaceTask.TextEmbedding,
        "sequence_classification" or "text_classification" => HuggingFaceTask.SequenceClassification,
        "token_classification" or "ner" => HuggingFaceTask.TokenClassification,
        "fill_mask" or "text_generation" or "text2text_generation" or "question_answering" =>
            throw new NotSupportedException($"task '{name}' is not supported by this server (supported: text_embedding, sequence_classification, token_classification)."),
        _ => throw new NotSupportedException($"unknown task '{name}' (supported: text_embedding, sequence_classification, token_classification)."),
    };

    /// <summary>
    /// Infers the task from the first architecture: <c>*ForSequenceClassification</c>, <c>*ForTokenClassification</c>,
    /// and a bare encoder (<c>BertModel</c>, <c>XLMRobertaModel</c> …) as text embedding.
    /// </summary>
    public static HuggingFaceTask Infer(IReadOnlyList<string> architectures)
    {
        ArgumentNullException.ThrowIfNull(architectures);
        if (architectures.Count == 0)
        {
            throw new NotSupportedException("config.json has no architectures; set options.task in model.yaml.");
        }

        var arch = architectures[0];
        if (arch.EndsWith("ForSequenceClassification", StringComparison.Ordinal))
        {
            return HuggingFaceTask.SequenceClassification;
        }

        if (arch.EndsWith("ForTokenClassification", StringComparison.Ordinal))
        {
            return HuggingFaceTask.TokenClassification;
        }

        // KServe asks for --task here; a bare encoder is what sentence-transformers ships, so embedding is the useful default.
        if (arch.EndsWith("Model", StringComparison.Ordinal) && !arch.Contains("For", StringComparison.Ordinal))
        {
            return HuggingFaceTask.TextEmbedding;
        }

        throw new NotSupportedException($"the task cannot be inferred from architecture '{arch}'; set options.task in model.yaml (text_embedding, sequence_classification, token_classification).");
    }
}

using System.Text.Json.Serialization;
using LiftWing.Training.Evaluation;

namespace LiftWing.Training.RevertRisk;

/// <summary>Everything the trainer measured; written as <c>metrics.json</c> and summarised in the model card.</summary>
public sealed record RevertRiskMetrics
{
    /// <summary>Rows used.</summary>
    [JsonPropertyName("rows")]
    public required int Rows { get; init; }

    /// <summary>Reverted rows.</summary>
    [JsonPropertyName("positives")]
    public required int Positives { get; init; }

    /// <summary>Distinct wikis.</summary>
    [JsonPropertyName("wikis")]
    public required int Wikis { get; init; }

    /// <summary>Per-fold held-out results.</summary>
    [JsonPropertyName("folds")]
    public required IReadOnlyList<FoldResult> Folds { get; init; }

    /// <summary>ROC-AUC across folds.</summary>
    [JsonPropertyName("roc_auc")]
    public required SummaryStatistics RocAuc { get; init; }

    /// <summary>PR-AUC (average precision) across folds.</summary>
    [JsonPropertyName("pr_auc")]
    public required SummaryStatistics PrAuc { get; init; }

    /// <summary>ROC-AUC of all out-of-fold predictions pooled.</summary>
    [JsonPropertyName("pooled_roc_auc")]
    public required double PooledRocAuc { get; init; }

    /// <summary>PR-AUC of all out-of-fold predictions pooled.</summary>
    [JsonPropertyName("pooled_pr_auc")]
    public required double PooledPrAuc { get; init; }

    /// <summary>Brier score of the out-of-fold probabilities.</summary>
    [JsonPropertyName("brier")]
    public required double Brier { get; init; }

    /// <summary>Log loss of the out-of-fold probabilities.</summary>
    [JsonPropertyName("log_loss")]
    public required double LogLoss { get; init; }

    /// <summary>Expected calibration error (10 bins) of the out-of-fold probabilities.</summary>
    [JsonPropertyName("expected_calibration_error")]
    public required double ExpectedCalibrationError { get; init; }

    /// <summary>Reliability table of the out-of-fold probabilities.</summary>
    [JsonPropertyName("calibration")]
    public required IReadOnlyList<CalibrationBin> Calibration { get; init; }

    /// <summary>sha256 of the model file trained on all rows.</summary>
    [JsonPropertyName("model_sha256")]
    public required string ModelSha256 { get; init; }
}

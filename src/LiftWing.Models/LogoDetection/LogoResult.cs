namespace LiftWing.Models.LogoDetection;

/// <summary>What predict hands to postprocess.</summary>
public sealed record LogoResult(IReadOnlyList<LogoPrediction> Predictions, bool Debug, TimeSpan PreprocessTime, TimeSpan PredictTime);

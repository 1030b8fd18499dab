using LiftWing.Runtimes.FastText;

namespace LiftWing.Models.LangId;

/// <summary>fastText's top-k per text, with the input (postprocessing needs its form and k).</summary>
public sealed record LangIdOutput(LangIdInput Input, IReadOnlyList<FastTextPrediction[]> Predictions);

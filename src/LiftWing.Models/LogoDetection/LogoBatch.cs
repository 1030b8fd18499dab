namespace LiftWing.Models.LogoDetection;

/// <summary>
/// What preprocess hands to predict: file names in input order and their BGR tensors, one after another. The tensor
/// may be longer than the images need (a pooled array, which predict returns to the pool).
/// </summary>
public sealed record LogoBatch(IReadOnlyList<string> Filenames, float[] Tensor, bool Debug, TimeSpan PreprocessTime);

namespace LiftWing.Models.LogoDetection;

/// <summary>What preprocess hands to predict: file names in input order and their BGR tensors, one after another.</summary>
public sealed record LogoBatch(IReadOnlyList<string> Filenames, float[] Tensor, bool Debug, TimeSpan PreprocessTime);

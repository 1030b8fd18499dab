namespace LiftWing.Core.Caching;

/// <summary>What a store holds for one model version.</summary>
/// <param name="Model">The model name.</param>
/// <param name="Version">The model version.</param>
/// <param name="Entries">Live entries.</param>
/// <param name="Bytes">Their encoded size in bytes.</param>
public sealed record PredictionStoreStats(string Model, string Version, long Entries, long Bytes);

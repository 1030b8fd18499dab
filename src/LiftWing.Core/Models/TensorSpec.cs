namespace LiftWing.Core.Models;

/// <summary>A V2 metadata tensor description: name, datatype and shape (-1 for a variable dimension).</summary>
public sealed record TensorSpec(string Name, string Datatype, IReadOnlyList<long> Shape);

namespace LiftWing.Server.Protocols.V2;

/// <summary>One input or output of the model metadata: <c>{"name", "datatype", "shape"}</c>.</summary>
internal sealed record V2TensorMetadata(string Name, string Datatype, IReadOnlyList<long> Shape);

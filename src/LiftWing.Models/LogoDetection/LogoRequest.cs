namespace LiftWing.Models.LogoDetection;

/// <summary>A validated request: instances in input order and the debug flag.</summary>
public sealed record LogoRequest(IReadOnlyList<LogoInstance> Instances, bool Debug);

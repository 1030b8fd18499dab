namespace LiftWing.FunctionalTests.Hardening;

/// <summary>
/// The corpus and chaos tests time every answer (5 s at most), so they run alone, not beside the other test
/// classes of this assembly on a small CI machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CorpusSerialDefinition
{
    public const string Name = "Hardening corpus";
}

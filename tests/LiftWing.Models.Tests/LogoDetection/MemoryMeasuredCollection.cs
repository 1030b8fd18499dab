namespace LiftWing.Models.Tests.LogoDetection;

/// <summary>Tests that measure process-wide allocations run alone, so other tests' allocations do not count.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasuredCollection
{
    public const string Name = "memory-measured";
}

namespace LiftWing.FunctionalTests.Slo;

/// <summary>
/// The Prometheus test counts every request its server's <c>/metrics</c> exports. Every server in this test process
/// names its meter "LiftWing", and each server's metrics pipeline subscribes by that name, so servers of other test
/// classes running at the same time can disturb what this one exports; it runs alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SloPrometheusSerialDefinition
{
    public const string Name = "SLO with a real Prometheus";
}

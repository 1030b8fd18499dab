using BenchmarkDotNet.Attributes;
using LiftWing.Core.Telemetry;
using LiftWing.Server.Slo;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace LiftWing.Benchmarks;

/// <summary>
/// The CPU cost of the SLO edge per request, without HTTP noise: finding the model from the path and recording one
/// request (the histogram, exported through OpenTelemetry's Prometheus exporter as in the server, and the minute counts).
/// Compare with a langid request's whole CPU time (2 cores / requests per second in <c>slo-http</c>).
/// </summary>
[MemoryDiagnoser]
public class SloRecordBenchmarks
{
    private ServiceProvider _services = null!;
    private SloRecorder _recorder = null!;
    private SloModel _model = null!;
    private int _i;

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddLiftWingCore();
        services.AddLiftWingSlo();
        services.AddOpenTelemetry().WithMetrics(m => m.AddMeter(LiftWingMetrics.MeterName).AddPrometheusExporter());
        _services = services.BuildServiceProvider();
        _ = _services.GetRequiredService<MeterProvider>();
        _recorder = _services.GetRequiredService<SloRecorder>();
        _model = new SloModel("langid", _recorder.Options.For("langid"));
    }

    [GlobalCleanup]
    public void Cleanup() => _services.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public int FindModelFromPath() => SloEdgePaths.Model("/v1/models/langid:predict").Length;

    [Benchmark]
    public void RecordOneRequest()
    {
        // Flush now and then, as the server does every 10 s, so the pending list stays small.
        if (++_i % 4096 == 0)
        {
            _recorder.TakePending();
        }

        _recorder.Record(_model, 200, 0.0012);
    }
}

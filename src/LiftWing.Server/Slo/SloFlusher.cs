using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiftWing.Server.Slo;

/// <summary>Writes the recorder's counts to the store every <see cref="SloOptions.FlushInterval"/>, before each report, and at shutdown.</summary>
internal sealed class SloFlusher(SloRecorder recorder, SloStore store, TimeProvider time, IOptions<SloOptions> options, ILogger<SloFlusher> logger) : BackgroundService
{
    /// <summary>Writes what is pending; on a store failure the counts stay pending (the process never fails for it).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var pending = recorder.TakePending();
        if (pending.Count == 0)
        {
            return;
        }

        var rows = pending.Select(p => (p.Model.Name, p.Minute, p.ToCounts(recorder.Bounds))).ToList();
        try
        {
            await store.AddAsync(rows, time.GetUtcNow().ToUnixTimeSeconds() / 60, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SqliteException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            recorder.Restore(pending);
            SloLog.FlushFailed(logger, store.Name, e);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await FlushAsync(CancellationToken.None).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.FlushInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await FlushAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

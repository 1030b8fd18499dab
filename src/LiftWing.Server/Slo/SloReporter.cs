using LiftWing.Core.Repository;
using Microsoft.Extensions.Options;

namespace LiftWing.Server.Slo;

/// <summary>Flushes pending counts, reads the store and computes the report (for <c>/slo</c> and <c>/dashboard</c>).</summary>
internal sealed class SloReporter(SloFlusher flusher, SloStore store, ModelRepository repository, IOptions<SloOptions> options, TimeProvider time)
{
    public async Task<SloReport> BuildAsync(CancellationToken cancellationToken)
    {
        await flusher.FlushAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var nowMinute = now.ToUnixTimeSeconds() / 60;
        var quarterHour = SloQuarter.Start(now).ToUnixTimeSeconds() / 3600;
        var rollingFrom = (nowMinute / 60) - (long)options.Value.RollingWindow.TotalHours + 1;
        var dayFrom = (nowMinute / 60) - 72 + 1;
        var history = await store.ReadAsync(nowMinute - SloCalculator.MinuteSpan + 1, Math.Min(quarterHour, Math.Min(rollingFrom, dayFrom)), cancellationToken).ConfigureAwait(false);
        return SloCalculator.Build(now, options.Value, repository.Models.Select(m => m.Config.Name), history, store.Name);
    }
}

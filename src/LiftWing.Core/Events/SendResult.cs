namespace LiftWing.Core.Events;

/// <summary>What one delivery round did.</summary>
/// <param name="Leased">Events taken from the outbox.</param>
/// <param name="Sent">Accepted.</param>
/// <param name="Retried">Scheduled again.</param>
/// <param name="DeadLettered">Dead-lettered.</param>
/// <param name="Reason">The status or the transport failure.</param>
/// <param name="Transient">Whether EventGate failed as a whole (the sender backs off).</param>
internal sealed record SendResult(int Leased, int Sent, int Retried, int DeadLettered, string Reason, bool Transient)
{
    /// <summary>Nothing was due.</summary>
    public static readonly SendResult Idle = new(0, 0, 0, 0, "idle", false);
}

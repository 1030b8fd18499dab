namespace LiftWing.Core.Events;

/// <summary>Where events wait until EventGate acknowledges them.</summary>
public enum OutboxKind
{
    /// <summary>A SQLite file (one process; survives restarts).</summary>
    Sqlite,

    /// <summary>Redis (shared by every replica and stream worker).</summary>
    Redis,
}

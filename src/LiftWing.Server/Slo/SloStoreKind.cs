namespace LiftWing.Server.Slo;

/// <summary>Where the counts behind <c>GET /slo</c> are kept.</summary>
public enum SloStoreKind
{
    /// <summary>In the process (lost on restart).</summary>
    Memory,

    /// <summary>A SQLite file: durable across restarts, shared by the processes of one machine.</summary>
    Sqlite,
}

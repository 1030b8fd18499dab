using System.ComponentModel.DataAnnotations;

namespace LiftWing.Server.Events.Changeprop;

/// <summary>The changeprop role (<c>liftwing stream</c>): a Redis stream of page_change events shared by workers.</summary>
public sealed class PageChangeStreamOptions
{
    /// <summary>The Redis endpoint. The default is 127.0.0.1:6379.</summary>
    [Required]
    public string Redis { get; set; } = "127.0.0.1:6379";

    /// <summary>The stream key. The default is <c>lw:page_change</c>.</summary>
    [Required]
    public string StreamKey { get; set; } = "lw:page_change";

    /// <summary>The consumer group every worker joins. The default is <c>liftwing</c>.</summary>
    [Required]
    public string Group { get; set; } = "liftwing";

    /// <summary>This worker's name in the group (unique per worker).</summary>
    [Required]
    public string Consumer { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>Entries processed at once. The default is 4.</summary>
    [Range(1, 256)]
    public int Concurrency { get; set; } = 4;

    /// <summary>An entry pending this long with a consumer is taken over (<c>XAUTOCLAIM</c>). The default is 60 s.</summary>
    public TimeSpan ClaimIdle { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a worker owns a prediction it computes (others wait for it). The default is 60 s.</summary>
    public TimeSpan ComputeClaimTtl { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long to sleep when the stream has nothing new. The default is 200 ms.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Stop once nothing is left to read and nothing is pending in the group (tests, backfills).</summary>
    public bool StopWhenDrained { get; set; }

    /// <summary>Cap the stream at about this many entries when feeding (XADD MAXLEN ~). The default is 1,000,000.</summary>
    [Range(1000, long.MaxValue)]
    public long MaxLength { get; set; } = 1_000_000;
}

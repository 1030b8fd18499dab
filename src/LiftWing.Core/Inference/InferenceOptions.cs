using System.ComponentModel.DataAnnotations;

namespace LiftWing.Core.Inference;

/// <summary>Data-plane settings.</summary>
public sealed class InferenceOptions
{
    /// <summary>The longest one request may run before it is cancelled (504). The default is 30 seconds, Lift Wing's gateway timeout.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

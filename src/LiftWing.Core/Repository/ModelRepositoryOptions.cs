using System.ComponentModel.DataAnnotations;

namespace LiftWing.Core.Repository;

/// <summary>Where model definitions live and how they load.</summary>
public sealed class ModelRepositoryOptions
{
    /// <summary>The models folder (one sub-folder with a model.yaml per model); key <c>LiftWing:Models:Directory</c>. The default is <c>models</c>.</summary>
    [Required]
    [Microsoft.Extensions.Configuration.ConfigurationKeyName("Directory")]
    public string ModelsDirectory { get; set; } = "models";

    /// <summary>Only these model names are loaded (empty: all). Useful to serve a subset.</summary>
    public IList<string> Only { get; } = [];

    /// <summary>The longest a model may take to load. The default is 10 minutes.</summary>
    public TimeSpan LoadTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long an unload or reload waits for the requests running on the old instance before it answers;
    /// the instance is disposed when the last of them ends, never under one. The default is 30 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many models load at the same time at start (key <c>LiftWing:Models:LoadConcurrency</c>); 0 means one per
    /// processor, 1 one after another. Loading is mostly CPU work (ONNX Runtime sessions, tokenizers, fastText), so
    /// more than the processors gains nothing. The default is 0.
    /// </summary>
    [Range(0, 256)]
    public int LoadConcurrency { get; set; }
}

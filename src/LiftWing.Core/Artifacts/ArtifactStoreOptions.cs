using System.ComponentModel.DataAnnotations;

namespace LiftWing.Core.Artifacts;

/// <summary>Where pulled model artifacts are kept.</summary>
public sealed class ArtifactStoreOptions
{
    /// <summary>
    /// The cache folder. The default is <c>$XDG_CACHE_HOME/liftwing/artifacts</c>, else <c>~/.cache/liftwing/artifacts</c>
    /// (<c>LIFTWING_ARTIFACTS</c> sets it through the configuration tree).
    /// </summary>
    [Required]
    public string CacheDirectory { get; set; } = DefaultCacheDirectory();

    /// <summary>Whether missing artifacts may be fetched (false: only what is already cached). The default is true.</summary>
    public bool AllowFetch { get; set; } = true;

    /// <summary>The longest one fetch may take. The default is 10 minutes.</summary>
    public TimeSpan FetchTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The reference-data folder <c>shared:PATH</c> artifacts are read from (as <c>DIR/data/PATH</c>). The default is
    /// <c>LIFTWING_SHARED</c>, else none: then <c>shared</c> beside the checkout that holds the model folder is used.
    /// </summary>
    public string? SharedDirectory { get; set; } = Environment.GetEnvironmentVariable("LIFTWING_SHARED") is { Length: > 0 } s ? s : null;

    /// <summary>The default cache folder.</summary>
    public static string DefaultCacheDirectory()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var baseDir = !string.IsNullOrWhiteSpace(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(baseDir, "liftwing", "artifacts");
    }
}

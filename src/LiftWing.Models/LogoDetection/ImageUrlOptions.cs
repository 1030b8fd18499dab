using System.ComponentModel.DataAnnotations;

namespace LiftWing.Models.LogoDetection;

/// <summary>
/// When an instance gives <c>url</c> instead of <c>image</c>: where the server may fetch from. Bound from
/// <c>options.url</c> in model.yaml.
/// </summary>
internal sealed class ImageUrlOptions
{
    /// <summary>
    /// Host names (exact, case-insensitive) that may be fetched. The default is <c>upload.wikimedia.org</c> only.
    /// An empty list turns <c>url</c> off. Private, loopback and link-local addresses are refused even for an
    /// allowed name, unless the allow-list names that IP address literally (tests, local mirrors).
    /// </summary>
    public IList<string> AllowedHosts { get; init; } = ["upload.wikimedia.org"];

    /// <summary>Allowed URL schemes. The default is <c>https</c> only.</summary>
    public IList<string> AllowedSchemes { get; init; } = ["https"];

    /// <summary>The longest one image download may take, connect to last byte. The default is 10 seconds.</summary>
    [Range(0.001, 3600)]
    public double TimeoutSeconds { get; init; } = 10;

    /// <summary>Redirects followed, each to an allowed host only. The default is 3.</summary>
    [Range(0, 20)]
    public int MaxRedirects { get; init; } = 3;

    /// <summary>How many images of one request are downloaded at once. The default is 4.</summary>
    [Range(1, 256)]
    public int MaxConcurrentDownloads { get; init; } = 4;
}

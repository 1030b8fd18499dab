using LiftWing.Core.Processes;
using System.Formats.Tar;
using System.IO.Compression;

namespace LiftWing.Training.Logo;

/// <summary>
/// Fetches the training images with the ordinary package clients and unpacks them under a work folder:
/// npm <c>cryptocurrency-icons</c> and <c>simple-icons</c> (CC0 logos) and Debian <c>opencv-doc</c> and
/// <c>python3-skimage</c> (sample photos). Downloads are kept, so a second run is offline.
/// </summary>
internal sealed class LogoDataSources
{
    /// <summary>The npm package with coin logos as PNG.</summary>
    public const string CryptoIcons = "cryptocurrency-icons@0.18.1";

    /// <summary>The npm package with brand logos as SVG.</summary>
    public const string SimpleIcons = "simple-icons@16.37.0";

    /// <summary>The Debian packages with sample photos.</summary>
    public static readonly string[] DebianPackages = ["opencv-doc=4.6.0+dfsg-12", "python3-skimage=0.19.3-8"];

    private LogoDataSources(string root) => Root = root;

    /// <summary>The unpacked data root.</summary>
    public string Root { get; }

    /// <summary>The 128 px colour PNGs of cryptocurrency-icons.</summary>
    public string CryptoPngDirectory => Path.Combine(Root, "cryptocurrency-icons", "package", "128", "color");

    /// <summary>The simple-icons SVG folder.</summary>
    public string SimpleIconsDirectory => Path.Combine(Root, "simple-icons", "package", "icons");

    /// <summary>simple-icons' metadata (slug, title, brand colour).</summary>
    public string SimpleIconsJson => Path.Combine(Root, "simple-icons", "package", "data", "simple-icons.json");

    /// <summary>opencv-doc's sample images.</summary>
    public string OpenCvDataDirectory => Path.Combine(Root, "deb", "usr", "share", "doc", "opencv-doc", "examples", "data");

    /// <summary>scikit-image's sample images.</summary>
    public string SkimageDataDirectory => Path.Combine(Root, "deb", "usr", "lib", "python3", "dist-packages", "skimage", "data");

    /// <summary>Downloads (if missing) and unpacks everything under <paramref name="workDir"/>.</summary>
    public static async Task<LogoDataSources> EnsureAsync(string workDir, Action<string> log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(log);
        var downloads = Path.Combine(workDir, "downloads");
        Directory.CreateDirectory(downloads);
        var sources = new LogoDataSources(Path.Combine(workDir, "data"));
        foreach (var (spec, dir) in new[] { (CryptoIcons, "cryptocurrency-icons"), (SimpleIcons, "simple-icons") })
        {
            var tgzName = spec.Replace('@', '-') + ".tgz";
            var tgz = Path.Combine(downloads, tgzName);
            if (!File.Exists(tgz))
            {
                log($"npm pack {spec}");
                await ProcessRunner.RunAsync("npm", ["pack", spec, "--silent", "--ignore-scripts", "--pack-destination", downloads], downloads, ct).ConfigureAwait(false);
            }

            var target = Path.Combine(sources.Root, dir);
            if (!Directory.Exists(target))
            {
                await ExtractTgzAsync(tgz, target + ".tmp", ct).ConfigureAwait(false);
                Directory.Move(target + ".tmp", target);
            }
        }

        var debRoot = Path.Combine(sources.Root, "deb");
        if (!Directory.Exists(debRoot))
        {
            foreach (var pkg in DebianPackages)
            {
                var name = pkg.Split('=')[0];
                if (!Directory.EnumerateFiles(downloads, name + "_*.deb").Any())
                {
                    log($"apt-get download {pkg}");
                    await ProcessRunner.RunAsync("apt-get", ["download", pkg], downloads, ct).ConfigureAwait(false);
                }
            }

            Directory.CreateDirectory(debRoot + ".tmp");
            foreach (var deb in Directory.EnumerateFiles(downloads, "*.deb").Order(StringComparer.Ordinal))
            {
                log($"dpkg-deb -x {Path.GetFileName(deb)}");
                await ProcessRunner.RunAsync("dpkg-deb", ["-x", deb, debRoot + ".tmp"], downloads, ct).ConfigureAwait(false);
            }

            Directory.Move(debRoot + ".tmp", debRoot);
        }

        return sources;
    }

    private static async Task ExtractTgzAsync(string tgz, string target, CancellationToken ct)
    {
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        Directory.CreateDirectory(target);
        await using var fs = File.OpenRead(tgz);
        await using var gz = new GZipStream(fs, CompressionMode.Decompress);
        await TarFile.ExtractToDirectoryAsync(gz, target, overwriteFiles: true, ct).ConfigureAwait(false);
    }
}

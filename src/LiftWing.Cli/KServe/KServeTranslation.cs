using System.Globalization;

namespace LiftWing.Cli.KServe;

/// <summary>
/// KServe's runtime arguments translated onto LiftWing's settings: the port, whether to bind every interface,
/// the models folder, the one model to serve, and a note per argument LiftWing accepts but does not use.
/// </summary>
internal sealed record KServeTranslation
{
    /// <summary>True when no KServe argument or STORAGE_URI was given (serve runs as usual).</summary>
    public bool IsEmpty { get; private init; }

    /// <summary>The HTTP port (<c>--http_port</c>), or null.</summary>
    public int? Port { get; private init; }

    /// <summary>The gRPC port from <c>--grpc_port</c>, or null.</summary>
    public int? GrpcPort { get; private init; }

    /// <summary>Whether to bind every interface, as KServe's model server does (when <c>--http_port</c> is given).</summary>
    public bool BindAllInterfaces { get; private init; }

    /// <summary>The models folder (one sub-folder per model), or null to keep LiftWing's default.</summary>
    public string? ModelsDirectory { get; private init; }

    /// <summary>A folder that holds one model's model.yaml itself (KServe's <c>/mnt/models</c> for one model), or null.</summary>
    public string? SingleModelDirectory { get; private init; }

    /// <summary>The model to serve (<c>--model_name</c>), or null for all.</summary>
    public string? ModelName { get; private init; }

    /// <summary>One line per argument accepted and ignored, or mapped in a way worth saying.</summary>
    public IReadOnlyList<string> Notes { get; private init; } = [];

    /// <summary>A usage error naming the bad argument, or null.</summary>
    public string? Error { get; private init; }

    public static KServeTranslation From(string? modelName, string? modelDir, int? httpPort, int? grpcPort, int? workers, string? storageUri, string mountPath)
    {
        if (modelName is null && modelDir is null && httpPort is null && grpcPort is null && workers is null && string.IsNullOrWhiteSpace(storageUri))
        {
            return new KServeTranslation { IsEmpty = true };
        }

        if (httpPort is { } hp && hp is < 1 or > 65535)
        {
            return new KServeTranslation { Error = $"--http_port {hp.ToString(CultureInfo.InvariantCulture)} is not a TCP port." };
        }

        if (modelName is { } n && (n.Length == 0 || n.AsSpan().IndexOfAny(['/', '\\', '\0']) >= 0 || n is "." or ".."))
        {
            return new KServeTranslation { Error = $"--model_name '{n}' is not a model name." };
        }

        if (grpcPort is { } gp && gp is < 1 or > 65535)
        {
            return new KServeTranslation { Error = $"--grpc_port {gp.ToString(CultureInfo.InvariantCulture)} is not a TCP port." };
        }

        var notes = new List<string>();

        if (workers is { } w)
        {
            notes.Add($"--workers {w.ToString(CultureInfo.InvariantCulture)} ignored: one LiftWing process serves requests on every core.");
        }

        // KServe's storage initializer downloads STORAGE_URI into /mnt/models before the server starts.
        var dir = modelDir;
        if (dir is null && !string.IsNullOrWhiteSpace(storageUri))
        {
            dir = mountPath;
            notes.Add($"STORAGE_URI set: serving the models KServe's storage initializer put in {mountPath}.");
        }

        string? models = null;
        string? single = null;
        if (dir is not null)
        {
            if (!Directory.Exists(dir))
            {
                return new KServeTranslation { Error = $"--model_dir {dir} does not exist." };
            }

            if (File.Exists(Path.Combine(dir, "model.yaml")))
            {
                single = Path.GetFullPath(dir);
            }
            else
            {
                models = Path.GetFullPath(dir);
            }
        }

        return new KServeTranslation
        {
            Port = httpPort,
            GrpcPort = grpcPort,
            BindAllInterfaces = httpPort is not null,
            ModelsDirectory = models,
            SingleModelDirectory = single,
            ModelName = modelName,
            Notes = notes,
        };
    }
}

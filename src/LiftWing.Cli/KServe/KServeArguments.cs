using System.CommandLine;

namespace LiftWing.Cli.KServe;

/// <summary>
/// KServe's model-server arguments (<c>--model_name</c>, <c>--model_dir</c>, <c>--http_port</c>,
/// <c>--grpc_port</c>, <c>--workers</c>), accepted by <c>serve</c> so the image runs as a KServe custom runtime.
/// <see cref="Translate"/> maps them, with <c>STORAGE_URI</c>, onto LiftWing's own settings.
/// </summary>
internal sealed class KServeArguments
{
    /// <summary>Where KServe's storage initializer puts the artifacts named by STORAGE_URI.</summary>
    public const string DefaultMountPath = "/mnt/models";

    public Option<string?> ModelName { get; } = new("--model_name") { Description = "KServe: the model to serve (the InferenceService name)." };

    public Option<string?> ModelDir { get; } = new("--model_dir") { Description = "KServe: the models folder, or one model's folder holding model.yaml (default with STORAGE_URI: /mnt/models)." };

    public Option<int?> HttpPort { get; } = new("--http_port") { Description = "KServe: the HTTP port (binds every interface unless --host is given)." };

    public Option<int?> GrpcPort { get; } = new("--grpc_port") { Description = "KServe: the port of the Open Inference Protocol gRPC service (as --grpc-port)." };

    public Option<int?> Workers { get; } = new("--workers") { Description = "KServe: accepted and ignored (one process uses every core)." };

    public IEnumerable<Option> All => [ModelName, ModelDir, HttpPort, GrpcPort, Workers];

    public void AddTo(Command command)
    {
        foreach (var o in All)
        {
            command.Options.Add(o);
        }
    }

    /// <summary>Reads the parsed KServe arguments and the environment's STORAGE_URI.</summary>
    public KServeTranslation Translate(ParseResult parse, Func<string, string?> environment) =>
        KServeTranslation.From(
            parse.GetValue(ModelName),
            parse.GetValue(ModelDir),
            parse.GetValue(HttpPort),
            parse.GetValue(GrpcPort),
            parse.GetValue(Workers),
            environment("STORAGE_URI"),
            DefaultMountPath);
}

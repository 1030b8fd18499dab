using System.CommandLine;
using LiftWing.Core.Artifacts;
using LiftWing.Core.Models;
using LiftWing.Core.Repository;
using LiftWing.Training.Examples;
using Microsoft.Extensions.DependencyInjection;

namespace LiftWing.Cli.Commands;

/// <summary><c>liftwing models list|pull|make-example</c>.</summary>
internal static class ModelsCommand
{
    public static Command Create() => new("models", "Inspect and prepare the model repository.")
    {
        List(), Pull(), MakeExample(),
    };

    private static Command List()
    {
        var models = CommonOptions.ModelsDir();
        var only = CommonOptions.Only("List only these models (comma-separated or repeated).");
        var load = new Option<bool>("--load") { Description = "Load each model to report whether it is ready (slower)." };
        var command = new Command("list", "List the models with their server, version and state.") { models, only, load };
        command.SetAction(async (parse, ct) =>
        {
            var options = new ModelsVerbOptions(new ModelSelection(parse.GetValue(models)!, parse.GetValue(only) ?? []), parse.GetValue(load));
            if (await VerbOptions.RejectAsync(options).ConfigureAwait(false) is { } bad)
            {
                return bad;
            }

            var (dir, wanted) = (options.Models.ModelsDir, options.Models.Only);
            await using var sp = InProcessServices.Build(options.Models.ToConfiguration());
            var store = sp.GetRequiredService<ArtifactStore>();
            var repo = sp.GetRequiredService<ModelRepository>();
            if (options.Load)
            {
                await repo.LoadFromDirectoryAsync(ct).ConfigureAwait(false);
            }

            Console.WriteLine($"{"NAME",-32} {"SERVER",-28} {"VERSION",-8} STATE");
            var any = false;
            foreach (var path in ModelConfigLoader.Discover(dir))
            {
                any = true;
                string name = Path.GetFileName(Path.GetDirectoryName(path))!, server = "?", version = "?", state;
                try
                {
                    var config = ModelConfigLoader.Load(path);
                    if (wanted.Count > 0 && !wanted.Contains(config.Name))
                    {
                        continue;
                    }

                    (name, server, version) = (config.Name, config.Server, config.Version);
                    if (options.Load && repo.TryGet(config.Name, out var model))
                    {
                        state = model.State.IsReady ? "ready" : $"{model.State.Readiness.ToString().ToLowerInvariant()}: {model.State.Reason}";
                    }
                    else
                    {
                        var missing = config.Artifacts.Where(a => store.TryGetCached(a, config.Directory) is null).Select(a => a.Name).ToList();
                        state = !repo.ServerTypes.Contains(config.Server) ? $"invalid: unknown server type '{config.Server}'"
                            : missing.Count == 0 ? "available" : $"artifacts to pull: {string.Join(", ", missing)}";
                    }
                }
                catch (InvalidDataException ex)
                {
                    state = "invalid: " + ex.Message;
                }

                Console.WriteLine($"{name,-32} {server,-28} {version,-8} {state}");
            }

            if (!any)
            {
                Console.Error.WriteLine($"No model.yaml found under {dir}.");
                return 1;
            }

            return 0;
        });
        return command;
    }

    private static Command Pull()
    {
        var models = CommonOptions.ModelsDir();
        var only = CommonOptions.Only("Pull only these models (default: all).");
        var command = new Command("pull", "Fetch missing model artifacts into the artifact cache and check their sha256.") { models, only };
        command.SetAction(async (parse, ct) =>
        {
            var options = new ModelsVerbOptions(new ModelSelection(parse.GetValue(models)!, parse.GetValue(only) ?? []));
            if (await VerbOptions.RejectAsync(options).ConfigureAwait(false) is { } bad)
            {
                return bad;
            }

            var (dir, wanted) = (options.Models.ModelsDir, options.Models.Only);
            await using var sp = InProcessServices.Build(options.Models.ToConfiguration());
            var store = sp.GetRequiredService<ArtifactStore>();
            var failures = 0;
            foreach (var path in ModelConfigLoader.Discover(dir))
            {
                ModelConfig config;
                try
                {
                    config = ModelConfigLoader.Load(path);
                }
                catch (InvalidDataException ex)
                {
                    Console.Error.WriteLine(ex.Message);
                    failures++;
                    continue;
                }

                if (wanted.Count > 0 && !wanted.Contains(config.Name))
                {
                    continue;
                }

                foreach (var a in config.Artifacts)
                {
                    Console.Write($"{config.Name}/{a.Name}: ");
                    try
                    {
                        var local = await store.EnsureAsync(a, config.Directory, ct).ConfigureAwait(false);
                        Console.WriteLine($"ok ({new FileInfo(local).Length:N0} bytes)");
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        Console.WriteLine("FAILED: " + ex.Message);
                        failures++;
                    }
                }
            }

            return failures == 0 ? 0 : 1;
        });
        return command;
    }

    private static Command MakeExample()
    {
        var output = new Option<string>("--out") { Description = "Folder for model.onnx.", DefaultValueFactory = _ => Path.Combine(CommonOptions.FindModelsDirectory(), "example-linear") };
        var command = new Command("make-example", "Generate the example ONNX model (a 4-feature, 3-class linear softmax) used to exercise the onnx server.") { output };
        command.SetAction(async parse =>
        {
            var options = new MakeExampleVerbOptions(parse.GetValue(output)!);
            if (await VerbOptions.RejectAsync(options).ConfigureAwait(false) is { } bad)
            {
                return bad;
            }

            var path = ExampleOnnxModel.Write(options.Out);
            Console.WriteLine($"{path} sha256 {ArtifactStore.HashFile(path)}");
            return 0;
        });
        return command;
    }
}

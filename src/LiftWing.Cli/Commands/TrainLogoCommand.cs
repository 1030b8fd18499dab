using System.CommandLine;
using LiftWing.Core.Artifacts;
using LiftWing.Core.Models;
using LiftWing.Training.Logo;
using Microsoft.Extensions.DependencyInjection;

namespace LiftWing.Cli.Commands;

/// <summary>
/// <c>liftwing train logo --out DIR</c>: trains the logo-detection head on CC0 logos and sample photos from the
/// npm and Debian registries (fetched with npm and apt-get) and writes <c>logo-head.json</c> and <c>MODEL_CARD.md</c>.
/// </summary>
public static class TrainLogoCommand
{
    /// <summary>Creates the <c>logo</c> sub-command of <c>train</c>.</summary>
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out", "-o") { Description = "Folder for logo-head.json and MODEL_CARD.md.", Required = true };
        var modelsDir = CommonOptions.ModelsDir();
        var model = new Option<FileInfo?>("--model") { Description = "The model.yaml whose backbone artifacts are used (default: logo-detection/model.yaml under --models-dir)." };
        var work = new Option<DirectoryInfo>("--work-dir") { Description = "Where downloads and unpacked data are kept (reused).", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine(Path.GetTempPath(), "liftwing-train-logo")) };
        var extra = new Option<DirectoryInfo?>("--extra-images") { Description = "A folder of images to score after training (not trained on)." };
        var icons = new Option<int>("--simple-icons") { Description = "How many simple-icons logos to use.", DefaultValueFactory = _ => new LogoDatasetOptions().SimpleIcons };
        var crops = new Option<int>("--crops-per-photo") { Description = "Augmented crops per photo.", DefaultValueFactory = _ => new LogoDatasetOptions().CropsPerPhoto };
        var seed = new Option<int>("--seed") { Description = "Seed of every random choice.", DefaultValueFactory = _ => new LogoDatasetOptions().Seed };
        var command = new Command("logo", "Train the logo-detection head (logistic regression on ResNet18 features).")
        {
            output, modelsDir, model, work, extra, icons, crops, seed,
        };
        command.SetAction(async (parse, ct) =>
        {
            var verb = new TrainLogoVerbOptions(
                parse.GetValue(modelsDir)!,
                parse.GetValue(model)?.FullName,
                parse.GetValue(output)!.FullName,
                parse.GetValue(work)!.FullName,
                parse.GetValue(extra)?.FullName,
                parse.GetValue(icons),
                parse.GetValue(crops));
            if (await VerbOptions.RejectAsync(verb).ConfigureAwait(false) is { } bad)
            {
                return bad;
            }

            var config = ModelConfigLoader.Load(Path.GetFullPath(verb.ModelYaml));
            await using var services = new ServiceCollection().AddLiftWingCore().BuildServiceProvider();
            var store = services.GetRequiredService<ArtifactStore>();
            async Task<string> ArtifactAsync(string name)
            {
                var spec = config.Artifacts.FirstOrDefault(a => a.Name == name)
                    ?? throw new InvalidDataException($"{config.Name}: no artifact '{name}' in model.yaml.");
                return await store.EnsureAsync(spec, config.Directory, ct).ConfigureAwait(false);
            }

            var dataset = new LogoDatasetOptions
            {
                SimpleIcons = verb.SimpleIcons,
                CropsPerPhoto = verb.CropsPerPhoto,
                Seed = parse.GetValue(seed),
            };
            var defaults = new LogoDatasetOptions();
            var reproduce = "liftwing train logo --out " + "models/logo-detection"
                + (dataset.SimpleIcons != defaults.SimpleIcons ? $" --simple-icons {dataset.SimpleIcons}" : "")
                + (dataset.CropsPerPhoto != defaults.CropsPerPhoto ? $" --crops-per-photo {dataset.CropsPerPhoto}" : "")
                + (dataset.Seed != defaults.Seed ? $" --seed {dataset.Seed}" : "")
                + (verb.ExtraImages is not null ? " --extra-images <folder of Lift Wing's sample images>" : "");
            var options = new LogoTrainingOptions
            {
                OutputDirectory = verb.Out,
                WorkDirectory = verb.WorkDir,
                BackbonePath = await ArtifactAsync("backbone").ConfigureAwait(false),
                PreprocessPath = await ArtifactAsync("preprocess").ConfigureAwait(false),
                ExtraImagesDirectory = verb.ExtraImages,
                Dataset = dataset,
                Command = reproduce,
            };
            var result = await new LogoTrainer(options, Console.Error.WriteLine).RunAsync(ct).ConfigureAwait(false);
            Console.WriteLine($"test accuracy {result.TestAccuracy:0.0000}, ROC-AUC {result.TestRocAuc:0.0000} on {result.TestCount} held-out images");
            Console.WriteLine($"{result.HeadPath} sha256 {result.HeadSha256}");
            foreach (var (name, p, ood) in result.ExtraScores)
            {
                Console.WriteLine($"  {name}: prediction {p:0.0000}, out_of_domain {ood:0.0000}");
            }

            return 0;
        });
        return command;
    }
}

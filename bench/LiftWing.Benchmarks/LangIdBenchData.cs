using LiftWing.Core.Artifacts;
using LiftWing.Core.Models;
using LiftWing.Models.LangId;
using Microsoft.Extensions.Options;

namespace LiftWing.Benchmarks;

/// <summary>The langid benchmark inputs: lid.176.ftz from the artifact cache and 100-character texts as Lift Wing sends them.</summary>
internal static class LangIdBenchData
{
    public static string RepoRoot { get; } = FindRoot();

    public static string ModelYaml => Path.Combine(RepoRoot, "models", "langid", "model.yaml");

    public static string ModelPath()
    {
        var config = ModelConfigLoader.Load(ModelYaml);
        var store = new ArtifactStore(Options.Create(new ArtifactStoreOptions()));
        return store.EnsureAsync(config.Artifacts.Single(a => a.Name == "model"), config.Directory, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>langid.input (the Lift Wing wrk load-test texts) plus sentences in other scripts, preprocessed to at most 100 characters.</summary>
    public static IReadOnlyList<string> Texts()
    {
        var shared = Environment.GetEnvironmentVariable("LIFTWING_SHARED") is { Length: > 0 } s ? s : Path.Combine(RepoRoot, "..", "shared");
        var wrk = File.ReadAllLines(Path.Combine(shared, "data", "liftwing", "wrk", "langid.input"));
        string[] own =
        [
            "Der schnelle braune Fuchs springt über den faulen Hund und läuft dann weiter in den dunklen Wald hinein",
            "Быстрая коричневая лиса перепрыгивает через ленивую собаку, а потом убегает в тёмный лес за рекой",
            "الثعلب البني السريع يقفز فوق الكلب الكسول ثم يركض بعيدا إلى الغابة المظلمة خلف النهر الكبير",
            "維基百科是一個自由內容、公開編輯且多語言的網路百科全書協作計畫，透過Wiki技術使得包括您在內的所有人都可以簡單地使用網頁瀏覽器修改其中的內容",
            "Wikipédia est un projet d'encyclopédie collective en ligne, universelle, multilingue et fonctionnant sur le principe du wiki",
        ];
        return wrk.Concat(own).Select(t => LangIdText.Preprocess(t, 100)).ToList();
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LiftWing.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("LiftWing.sln not found above " + AppContext.BaseDirectory);
    }
}

using System.Text.Json;
using LiftWing.Runtimes.Gbdt;
using LiftWing.Tests.Common;
using LiftWing.Training.RevertRisk;
using LiftWing.Wiki.RevertRisk;

namespace LiftWing.Training.Tests.RevertRisk;

public sealed class RevertRiskTrainerTests
{
    private static readonly string Csv = TestPaths.SharedData("revertrisk", "ki_data_sample.csv");
    private static readonly string Committed = Path.Combine(TestPaths.Models, "revertrisk-language-agnostic");

    [Fact]
    public void KiDataset_Load_ReadsAllRowsAndLabels()
    {
        var edits = KiDataset.Load(Csv);

        Assert.Equal(1000, edits.Count);
        Assert.Equal(77, edits.Count(e => e.Reverted));
        Assert.Equal(46, edits.Select(e => e.WikiDb).Distinct().Count());
        Assert.Equal(214, edits.Count(e => e.Input.IsAnonymous));
        var first = edits[0];
        Assert.Equal(195070721, first.RevisionId);
        Assert.Equal(35, first.Input.BytesDiff);
        Assert.Equal(4, first.Input.EditTypes["insert_Word"]);
        Assert.Contains("visualeditor", first.Input.Tags);
    }

    [Fact]
    public void Train_OnSample_ReproducesCommittedModelAndMetrics()
    {
        var outDir = Directory.CreateTempSubdirectory("lw-rr-train");
        try
        {
            var metrics = RevertRiskTrainer.Run(Csv, outDir.FullName, new GbdtTrainingOptions(), TextWriter.Null);

            var committed = JsonDocument.Parse(File.ReadAllText(Path.Combine(Committed, "metrics.json"))).RootElement;
            Assert.Equal(committed.GetProperty("roc_auc").GetProperty("mean").GetDouble(), metrics.RocAuc.Mean);
            Assert.Equal(committed.GetProperty("roc_auc").GetProperty("std_dev").GetDouble(), metrics.RocAuc.StdDev);
            Assert.Equal(committed.GetProperty("pr_auc").GetProperty("mean").GetDouble(), metrics.PrAuc.Mean);
            Assert.Equal(committed.GetProperty("pooled_roc_auc").GetDouble(), metrics.PooledRocAuc);
            Assert.Equal(committed.GetProperty("brier").GetDouble(), metrics.Brier);
            Assert.Equal(File.ReadAllText(Path.Combine(Committed, "metrics.json")), File.ReadAllText(Path.Combine(outDir.FullName, "metrics.json")));
            Assert.Equal(RevertRiskTrainer.Sha256Hex(Path.Combine(Committed, "model.json")), metrics.ModelSha256);
            Assert.Equal(File.ReadAllText(Path.Combine(Committed, "model_card.md")), File.ReadAllText(Path.Combine(outDir.FullName, "model_card.md")));
            Assert.Equal(File.ReadAllText(Path.Combine(Committed, "thresholds.json")), File.ReadAllText(Path.Combine(outDir.FullName, "thresholds.json")));
            Assert.Contains($"sha256: {metrics.ModelSha256}", File.ReadAllText(Path.Combine(Committed, "model.yaml")), StringComparison.Ordinal);
            Assert.InRange(metrics.RocAuc.Mean, 0.75, 1.0);
        }
        finally
        {
            outDir.Delete(recursive: true);
        }
    }

    [Fact]
    public void ExportedEnsemble_MatchesMlNetProbabilities()
    {
        var edits = KiDataset.Load(Csv);
        var features = edits.Select(e => RevertRiskFeatures.Build(e.Input)).ToArray();
        var labels = edits.Select(e => e.Reverted).ToArray();
        var options = new GbdtTrainingOptions { NumberOfTrees = 60, NumberOfLeaves = 6, MinimumExampleCountPerLeaf = 10 };

        var exported = FastTreeGbdtTrainer.Train(features, labels, RevertRiskFeatures.Names, options);
        var mlnet = FastTreeGbdtTrainer.PredictWithMlNet(features, labels, features, options);

        using var buffer = new MemoryStream();
        exported.Save(buffer);
        buffer.Position = 0;
        var reloaded = TreeEnsembleModel.Load(buffer);
        for (var i = 0; i < features.Length; i++)
        {
            Assert.Equal(mlnet[i], reloaded.PredictProbability(features[i]), 5);
        }
    }
}

using System.Security.Cryptography;
using System.Text.Json;
using LiftWing.Core.Models;
using LiftWing.Runtimes.Gbdt;
using LiftWing.Training.Evaluation;
using LiftWing.Wiki.RevertRisk;

namespace LiftWing.Training.RevertRisk;

/// <summary>
/// <c>liftwing train revertrisk</c>: stratified k-fold cross-validation of the FastTree GBDT on the labelled sample,
/// then one model on all rows, exported as <c>model.json</c> (<see cref="TreeEnsembleModel"/>) with
/// <c>metrics.json</c> and <c>model_card.md</c>.
/// </summary>
public static class RevertRiskTrainer
{
    /// <summary>The artifact's file name.</summary>
    public const string ModelFileName = "model.json";

    /// <summary>Cross-validates and trains; returns the metrics (also written to <paramref name="outDir"/>).</summary>
    public static RevertRiskMetrics Run(string dataPath, string outDir, GbdtTrainingOptions options, TextWriter log)
    {
        var edits = KiDataset.Load(dataPath);
        var features = edits.Select(e => RevertRiskFeatures.Build(e.Input)).ToArray();
        var labels = edits.Select(e => e.Reverted).ToArray();
        log.WriteLine($"{edits.Count} rows, {labels.Count(l => l)} reverted, {RevertRiskFeatures.Names.Count} features");

        var folds = StratifiedKFold.Assign(labels, options.Folds, options.Seed);
        var oof = new double[edits.Count];
        var foldResults = new List<FoldResult>();
        for (var fold = 0; fold < options.Folds; fold++)
        {
            var train = Enumerable.Range(0, edits.Count).Where(i => folds[i] != fold).ToArray();
            var test = Enumerable.Range(0, edits.Count).Where(i => folds[i] == fold).ToArray();
            var model = FastTreeGbdtTrainer.Train([.. train.Select(i => features[i])], [.. train.Select(i => labels[i])], RevertRiskFeatures.Names, options);
            var scores = test.Select(i => model.PredictProbability(features[i])).ToArray();
            for (var j = 0; j < test.Length; j++)
            {
                oof[test[j]] = scores[j];
            }

            var testLabels = test.Select(i => labels[i]).ToArray();
            var result = new FoldResult(fold, test.Length, testLabels.Count(l => l), BinaryMetrics.RocAuc(scores, testLabels), BinaryMetrics.AveragePrecision(scores, testLabels));
            foldResults.Add(result);
            log.WriteLine($"fold {fold}: n={result.Rows} pos={result.Positives} ROC-AUC={result.RocAuc:F4} PR-AUC={result.PrAuc:F4}");
        }

        var final = FastTreeGbdtTrainer.Train(features, labels, RevertRiskFeatures.Names, options);
        Directory.CreateDirectory(outDir);
        var modelPath = Path.Combine(outDir, ModelFileName);
        using (var stream = File.Create(modelPath))
        {
            final.Save(stream);
        }

        var sha = Sha256Hex(modelPath);
        var calibration = BinaryMetrics.Calibration(oof, labels);
        var metrics = new RevertRiskMetrics
        {
            Rows = edits.Count,
            Positives = labels.Count(l => l),
            Wikis = edits.Select(e => e.WikiDb).Distinct(StringComparer.Ordinal).Count(),
            Folds = foldResults,
            RocAuc = SummaryStatistics.Of([.. foldResults.Select(f => f.RocAuc)]),
            PrAuc = SummaryStatistics.Of([.. foldResults.Select(f => f.PrAuc)]),
            PooledRocAuc = BinaryMetrics.RocAuc(oof, labels),
            PooledPrAuc = BinaryMetrics.AveragePrecision(oof, labels),
            Brier = BinaryMetrics.Brier(oof, labels),
            LogLoss = BinaryMetrics.LogLoss(oof, labels),
            ExpectedCalibrationError = BinaryMetrics.ExpectedCalibrationError(calibration),
            Calibration = calibration,
            ModelSha256 = sha,
        };
        File.WriteAllText(Path.Combine(outDir, "metrics.json"), JsonSerializer.Serialize(metrics, MetricsJson) + "\n");
        // The held-out threshold table lets the ORES adapter answer threshold queries (model_info=statistics.thresholds...).
        ThresholdTable.FromScores(oof, labels, $"{options.Folds}-fold stratified cross-validation (seed {options.Seed}), out-of-fold probabilities of {edits.Count} rows")
            .Write(Path.Combine(outDir, ThresholdTable.FileName));
        File.WriteAllText(Path.Combine(outDir, "model_card.md"), ModelCardWriter.Write(metrics, options, edits, final));
        log.WriteLine($"ROC-AUC {metrics.RocAuc.Mean:F4} ± {metrics.RocAuc.StdDev:F4}, PR-AUC {metrics.PrAuc.Mean:F4} ± {metrics.PrAuc.StdDev:F4}");
        log.WriteLine($"{modelPath} sha256 {sha}");
        return metrics;
    }

    /// <summary>Lower-case hex sha256 of a file.</summary>
    public static string Sha256Hex(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static readonly JsonSerializerOptions MetricsJson = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };
}

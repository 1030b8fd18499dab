using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using LiftWing.Core.Artifacts;
using LiftWing.Runtimes.Images;
using LiftWing.Runtimes.Linear;
using LiftWing.Training.Evaluation;
using LiftWing.Training.Linear;

namespace LiftWing.Training.Logo;

/// <summary>
/// Trains the logo head: builds the labelled set, extracts ResNet18 features with the exact serving pipeline
/// (<see cref="ImageTensorizer"/> + <see cref="ResNet18Featurizer"/>), holds out a group split, picks the L2
/// penalty by group cross-validation on the training part, fits a logistic regression, and writes the head,
/// metrics and a model card.
/// </summary>
public sealed class LogoTrainer(LogoTrainingOptions options, Action<string> log)
{
    private const int BatchSize = 32;

    /// <summary>Runs the whole training.</summary>
    public async Task<LogoTrainingResult> RunAsync(CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        var sources = await LogoDataSources.EnsureAsync(options.WorkDirectory, log, ct).ConfigureAwait(false);
        var builder = new LogoDatasetBuilder(sources, options.Dataset);
        var samples = builder.Build();
        log($"{samples.Count} samples ({samples.Count(s => s.IsLogo)} logos, {samples.Count(s => !s.IsLogo)} photos)");

        // Fixed thread count: ONNX Runtime's results can differ in the last bits with the number of threads.
        using var featurizer = new ResNet18Featurizer(options.BackbonePath, options.PreprocessPath, new ResNet18FeaturizerOptions { IntraOpThreads = 2 });
        var features = await CachedFeaturesAsync(featurizer, samples, ct).ConfigureAwait(false);
        log($"features extracted in {sw.Elapsed.TotalSeconds:0} s");

        var isTest = samples.Select(s => LogoDatasetBuilder.Bucket(s.Group) < options.TestPercent).ToArray();
        var train = Enumerable.Range(0, samples.Count).Where(i => !isTest[i]).ToArray();
        var test = Enumerable.Range(0, samples.Count).Where(i => isTest[i]).ToArray();

        var (mean, scale) = Standardiser(features, train);
        var l2 = SelectL2(features, samples, train, mean, scale);
        var fit = FitOn(features, samples, train, mean, scale, l2);
        log($"fit: L2 {l2}, {fit.Iterations} Newton steps, loss {fit.Loss:0.0000}");

        var distances = train.Select(i => Distance(features[i], mean, scale)).Order().ToArray();
        var quantiles = Enumerable.Range(0, 101).Select(q => (float)Quantile(distances, q / 100.0)).ToArray();

        var trainMetrics = Evaluate(fit, features, samples, train, mean, scale);
        var testMetrics = Evaluate(fit, features, samples, test, mean, scale);
        log($"train accuracy {trainMetrics.Accuracy:0.0000}; test accuracy {testMetrics.Accuracy:0.0000}, ROC-AUC {testMetrics.Auc:0.0000} ({test.Length} images)");

        var trainingInfo = new Dictionary<string, object>
        {
            ["command"] = options.Command,
            ["backbone"] = "Microsoft.ML.DnnImageFeaturizer.ResNet18@0.23.1 (ResNet18.onnx + ResNetPreprocess.onnx)",
            ["sources"] = new[] { LogoDataSources.CryptoIcons, LogoDataSources.SimpleIcons }.Concat(LogoDataSources.DebianPackages).ToArray(),
            ["seed"] = options.Dataset.Seed,
            ["simple_icons"] = options.Dataset.SimpleIcons,
            ["crops_per_photo"] = options.Dataset.CropsPerPhoto,
            ["l2"] = l2,
            ["train"] = new { images = train.Length, logos = train.Count(i => samples[i].IsLogo) },
            ["test"] = new { images = test.Length, logos = test.Count(i => samples[i].IsLogo), accuracy = Round(testMetrics.Accuracy), roc_auc = Round(testMetrics.Auc) },
        };
        var head = new LogisticHead
        {
            Target = "logo",
            Mean = mean,
            Scale = scale,
            Weights = fit.Weights.Select(w => (float)w).ToArray(),
            Bias = fit.Bias,
            DistanceQuantiles = quantiles,
            Training = trainingInfo.ToDictionary(kv => kv.Key, kv => JsonSerializer.SerializeToElement(kv.Value, LogisticHead.JsonOptions)),
        };

        Directory.CreateDirectory(options.OutputDirectory);
        var headPath = Path.Combine(options.OutputDirectory, "logo-head.json");
        head.Save(headPath);
        var sha = ArtifactStore.HashFile(headPath);

        var extras = ScoreExtras(featurizer, head, builder);
        var cardPath = Path.Combine(options.OutputDirectory, "MODEL_CARD.md");
        await File.WriteAllTextAsync(cardPath, ModelCard(samples, train, test, trainMetrics, testMetrics, l2, sha, extras, features.Length), ct).ConfigureAwait(false);
        log($"wrote {headPath} (sha256 {sha}) and {cardPath} in {sw.Elapsed.TotalSeconds:0} s");
        return new LogoTrainingResult(headPath, sha, cardPath, train.Length, test.Length, testMetrics.Accuracy, testMetrics.Auc, trainMetrics.Accuracy, l2, extras);
    }

    // Feature extraction is the slow part (minutes on 2 cores); reruns with the same samples and backbone reuse it.
    private async Task<float[][]> CachedFeaturesAsync(ResNet18Featurizer featurizer, IReadOnlyList<LogoSample> samples, CancellationToken ct)
    {
        var key = new StringBuilder()
            .AppendLine(ArtifactStore.HashFile(options.BackbonePath))
            .AppendLine(options.Dataset.Seed.ToString(CultureInfo.InvariantCulture));
        foreach (var s in samples)
        {
            key.AppendLine(s.Id);
        }

        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(key.ToString())))[..16];
        var cache = Path.Combine(options.WorkDirectory, $"features-{hash}.bin");
        var width = ResNet18Featurizer.FeatureCount;
        if (File.Exists(cache) && new FileInfo(cache).Length == (long)samples.Count * width * sizeof(float))
        {
            log($"reusing features from {cache}");
            var bytes = await File.ReadAllBytesAsync(cache, ct).ConfigureAwait(false);
            var all = new float[bytes.Length / sizeof(float)];
            Buffer.BlockCopy(bytes, 0, all, 0, bytes.Length);
            return Enumerable.Range(0, samples.Count).Select(i => all.AsSpan(i * width, width).ToArray()).ToArray();
        }

        var features = Featurize(featurizer, samples.Select(s => (Func<byte[]>)s.Encode).ToList(), ct);
        await using (var fs = File.Create(cache))
        {
            foreach (var f in features)
            {
                fs.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(f.AsSpan()));
            }
        }

        return features;
    }

    private float[][] Featurize(ResNet18Featurizer featurizer, IReadOnlyList<Func<byte[]>> encoders, CancellationToken ct)
    {
        var limits = new ImageLimitsOptions();
        var result = new float[encoders.Count][];
        var buffer = new float[BatchSize * ResNet18Featurizer.ImageFloats];
        for (var start = 0; start < encoders.Count; start += BatchSize)
        {
            ct.ThrowIfCancellationRequested();
            var n = Math.Min(BatchSize, encoders.Count - start);
            Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
                ImageTensorizer.DecodeInto(encoders[start + i](), limits, buffer.AsSpan(i * ResNet18Featurizer.ImageFloats, ResNet18Featurizer.ImageFloats)));
            var f = featurizer.Featurize(buffer, n, ct);
            for (var i = 0; i < n; i++)
            {
                result[start + i] = f.AsSpan(i * ResNet18Featurizer.FeatureCount, ResNet18Featurizer.FeatureCount).ToArray();
            }

            if ((start / BatchSize) % 10 == 0)
            {
                log($"  featurized {start + n}/{encoders.Count}");
            }
        }

        return result;
    }

    private static (float[] Mean, float[] Scale) Standardiser(float[][] x, int[] rows)
    {
        var d = x[0].Length;
        var mean = new double[d];
        var sq = new double[d];
        foreach (var r in rows)
        {
            for (var j = 0; j < d; j++)
            {
                mean[j] += x[r][j];
            }
        }

        for (var j = 0; j < d; j++)
        {
            mean[j] /= rows.Length;
        }

        foreach (var r in rows)
        {
            for (var j = 0; j < d; j++)
            {
                var v = x[r][j] - mean[j];
                sq[j] += v * v;
            }
        }

        // Floor: a feature that never fires in training must not blow up the z-score of a new image.
        var stds = sq.Select(s => Math.Sqrt(s / Math.Max(1, rows.Length - 1))).ToArray();
        var floor = Math.Max(1e-3, stds.Order().ElementAt(stds.Length / 2) * 0.05);
        return (mean.Select(m => (float)m).ToArray(), stds.Select(s => (float)Math.Max(s, floor)).ToArray());
    }

    private static float[][] Standardise(float[][] x, int[] rows, float[] mean, float[] scale) =>
        rows.Select(r => x[r].Select((v, j) => (v - mean[j]) / scale[j]).ToArray()).ToArray();

    private static LogisticRegressionTrainer.Fit FitOn(float[][] x, IReadOnlyList<LogoSample> samples, int[] rows, float[] mean, float[] scale, double l2)
    {
        var y = rows.Select(r => samples[r].IsLogo).ToArray();
        var positives = y.Count(v => v);
        var negatives = y.Length - positives;
        // Balanced class weights: the photos are fewer than the logos.
        var weights = y.Select(v => v ? y.Length / (2.0 * positives) : y.Length / (2.0 * negatives)).ToArray();
        return LogisticRegressionTrainer.Train(Standardise(x, rows, mean, scale), y, weights, l2);
    }

    private double SelectL2(float[][] x, IReadOnlyList<LogoSample> samples, int[] train, float[] mean, float[] scale)
    {
        var best = options.L2Grid[0];
        var bestLoss = double.MaxValue;
        foreach (var l2 in options.L2Grid)
        {
            double loss = 0;
            for (var fold = 0; fold < 3; fold++)
            {
                var inFold = train.Where(i => LogoDatasetBuilder.Bucket("fold:" + samples[i].Group) % 3 == fold).ToArray();
                var rest = train.Except(inFold).ToArray();
                var fit = FitOn(x, samples, rest, mean, scale, l2);
                loss += BalancedLogLoss(fit, x, samples, inFold, mean, scale);
            }

            log($"  L2 {l2}: cross-validated balanced log-loss {loss / 3:0.0000}");
            if (loss < bestLoss)
            {
                bestLoss = loss;
                best = l2;
            }
        }

        return best;
    }

    private static double Score(LogisticRegressionTrainer.Fit fit, float[] x, float[] mean, float[] scale)
    {
        var z = fit.Bias;
        for (var j = 0; j < x.Length; j++)
        {
            z += fit.Weights[j] * ((x[j] - mean[j]) / scale[j]);
        }

        return LogisticRegressionTrainer.Sigmoid(z);
    }

    private static double BalancedLogLoss(LogisticRegressionTrainer.Fit fit, float[][] x, IReadOnlyList<LogoSample> samples, int[] rows, float[] mean, float[] scale)
    {
        double pos = 0, neg = 0;
        int np = 0, nn = 0;
        foreach (var r in rows)
        {
            var p = Math.Clamp(Score(fit, x[r], mean, scale), 1e-7, 1 - 1e-7);
            if (samples[r].IsLogo)
            {
                pos -= Math.Log(p);
                np++;
            }
            else
            {
                neg -= Math.Log(1 - p);
                nn++;
            }
        }

        return (pos / Math.Max(1, np) + neg / Math.Max(1, nn)) / 2;
    }

    private sealed record Metrics(double Accuracy, double Auc, double LogoRecall, double PhotoRecall);

    private static Metrics Evaluate(LogisticRegressionTrainer.Fit fit, float[][] x, IReadOnlyList<LogoSample> samples, int[] rows, float[] mean, float[] scale)
    {
        var scores = rows.Select(r => Score(fit, x[r], mean, scale)).ToList();
        var labels = rows.Select(r => samples[r].IsLogo).ToList();
        var logoRecall = rows.Select((r, i) => (r, i)).Where(t => labels[t.i]).Average(t => scores[t.i] >= 0.5 ? 1.0 : 0.0);
        var photoRecall = rows.Select((r, i) => (r, i)).Where(t => !labels[t.i]).Average(t => scores[t.i] < 0.5 ? 1.0 : 0.0);
        return new Metrics(BinaryMetrics.Accuracy(scores, labels), BinaryMetrics.RocAuc(scores, labels), logoRecall, photoRecall);
    }

    private static double Distance(float[] x, float[] mean, float[] scale)
    {
        double s = 0;
        for (var j = 0; j < x.Length; j++)
        {
            var z = (x[j] - mean[j]) / scale[j];
            s += z * z;
        }

        return Math.Sqrt(s / x.Length);
    }

    private static double Quantile(double[] sorted, double q)
    {
        var pos = q * (sorted.Length - 1);
        var lo = (int)Math.Floor(pos);
        var hi = Math.Min(sorted.Length - 1, lo + 1);
        return sorted[lo] + ((sorted[hi] - sorted[lo]) * (pos - lo));
    }

    private List<(string Name, double Prediction, double OutOfDomain)> ScoreExtras(ResNet18Featurizer featurizer, LogisticHead head, LogoDatasetBuilder builder)
    {
        var items = builder.ExtraLogos.Where(e => File.Exists(e.Path)).ToList();
        if (options.ExtraImagesDirectory is { } dir && Directory.Exists(dir))
        {
            items.AddRange(Directory.EnumerateFiles(dir).Order(StringComparer.Ordinal).Select(p => (Name: "extra/" + Path.GetFileName(p), Path: p)));
        }

        var result = new List<(string, double, double)>();
        var buffer = new float[ResNet18Featurizer.ImageFloats];
        foreach (var (name, path) in items)
        {
            ImageTensorizer.DecodeInto(File.ReadAllBytes(path), new ImageLimitsOptions(), buffer);
            var f = featurizer.Featurize(buffer, 1);
            result.Add((name, head.Predict(f), head.OutOfDomain(f)));
        }

        return result;
    }

    private static double Round(double v) => Math.Round(v, 4);

    private string ModelCard(IReadOnlyList<LogoSample> samples, int[] train, int[] test, Metrics trainM, Metrics testM, double l2, string sha, List<(string Name, double Prediction, double OutOfDomain)> extras, int total)
    {
        string F(double v) => v.ToString("0.0000", CultureInfo.InvariantCulture);
        int Count(int[] rows, bool logo, string? source = null) => rows.Count(r => samples[r].IsLogo == logo && (source is null || samples[r].Source == source));
        var sb = new StringBuilder();
        sb.AppendLine("# logo-detection head: model card");
        sb.AppendLine();
        sb.AppendLine("A logistic-regression head on 512-d ResNet18 ImageNet features (NuGet `Microsoft.ML.DnnImageFeaturizer.ResNet18@0.23.1`, MIT).");
        sb.AppendLine("It replaces Lift Wing's `logo_max_all.keras`, whose weights and Commons training data are not public.");
        sb.AppendLine();
        sb.AppendLine("## Reproduce");
        sb.AppendLine();
        sb.AppendLine("```");
        sb.AppendLine(options.Command);
        sb.AppendLine("```");
        sb.AppendLine();
        sb.AppendLine($"Output `logo-head.json`, sha256 `{sha}`. Same machine, same inputs: same bytes. ONNX Runtime may round the last bits of features differently on another CPU, which can change the file's hash but not the metrics in any visible digit.");
        sb.AppendLine();
        sb.AppendLine("## Data");
        sb.AppendLine();
        sb.AppendLine("| | train | test |");
        sb.AppendLine("|---|---|---|");
        sb.AppendLine($"| logos: npm `{LogoDataSources.CryptoIcons}` (128 px colour PNG, CC0) | {Count(train, true, "cryptocurrency-icons")} | {Count(test, true, "cryptocurrency-icons")} |");
        sb.AppendLine($"| logos: npm `{LogoDataSources.SimpleIcons}` (SVG rasterised with Svg.Skia in the brand colour, CC0 data; the marks are trademarks) | {Count(train, true, "simple-icons")} | {Count(test, true, "simple-icons")} |");
        sb.AppendLine($"| not logos: Debian `opencv-doc` sample photos (thumbnail + {options.Dataset.CropsPerPhoto} crops each) | {Count(train, false, "opencv-doc")} | {Count(test, false, "opencv-doc")} |");
        sb.AppendLine($"| not logos: Debian `python3-skimage` sample photos (thumbnail + {options.Dataset.CropsPerPhoto} crops each) | {Count(train, false, "python3-skimage")} | {Count(test, false, "python3-skimage")} |");
        sb.AppendLine($"| total | {train.Length} | {test.Length} |");
        sb.AppendLine();
        sb.AppendLine($"The split is by group ({options.TestPercent} % of groups held out by a hash of the group name): all crops of one photo, and the numbered left/right chessboard shots, stay on one side. Class weights are balanced. L2 = {l2.ToString(CultureInfo.InvariantCulture)}, chosen by 3-fold group cross-validation on the training part from {{{string.Join(", ", options.L2Grid.Select(v => v.ToString(CultureInfo.InvariantCulture)))}}}.");
        sb.AppendLine();
        sb.AppendLine("## Held-out metrics (threshold 0.5)");
        sb.AppendLine();
        sb.AppendLine("| | accuracy | ROC-AUC | logo recall | photo recall |");
        sb.AppendLine("|---|---|---|---|---|");
        sb.AppendLine($"| train ({train.Length}) | {F(trainM.Accuracy)} | {F(trainM.Auc)} | {F(trainM.LogoRecall)} | {F(trainM.PhotoRecall)} |");
        sb.AppendLine($"| **test ({test.Length})** | **{F(testM.Accuracy)}** | **{F(testM.Auc)}** | {F(testM.LogoRecall)} | {F(testM.PhotoRecall)} |");
        sb.AppendLine();
        sb.AppendLine("The photo side has few distinct sources (about 70 photos), so the test photo recall rests on a handful of photos. A perfect held-out score says that icon-set logos and library photos are easy to tell apart, not that Commons logos are: the never-trained logos below are the more honest check.");
        sb.AppendLine();
        sb.AppendLine("## Never-trained images");
        sb.AppendLine();
        sb.AppendLine("| image | prediction | out_of_domain |");
        sb.AppendLine("|---|---|---|");
        foreach (var (name, p, ood) in extras)
        {
            sb.AppendLine($"| {name} | {F(p)} | {F(ood)} |");
        }

        sb.AppendLine();
        sb.AppendLine("## out_of_domain");
        sb.AppendLine();
        sb.AppendLine("Each feature is z-scored with the training mean and standard deviation (floored at 5 % of the median deviation), and the image's distance is the root-mean-square z. `out_of_domain` is the fraction of training images that are closer (linear between 101 stored quantiles): about 0.5 for a typical training image, 1.0 for an image farther than every training image. It measures how unlike the training set an image is, not whether it is a logo; Lift Wing's value came from a second softmax output of its Keras model and has no public definition.");
        sb.AppendLine();
        sb.AppendLine("## Limits");
        sb.AppendLine();
        sb.AppendLine("- Trained on icon-set logos and library sample photos, not on Commons uploads: expect errors on screenshots, diagrams, maps, text scans and photos of signs.");
        sb.AppendLine($"- {total} images in all; ImageNet features were not fine-tuned.");
        return sb.ToString();
    }
}

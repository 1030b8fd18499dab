using LiftWing.Runtimes.Gbdt;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using RegressionTree = LiftWing.Runtimes.Gbdt.RegressionTree;

namespace LiftWing.Training.RevertRisk;

/// <summary>
/// Trains a binary GBDT with ML.NET FastTree and exports it to the runtime's <see cref="TreeEnsembleModel"/>, so the
/// served model needs no ML.NET. Single-threaded with a fixed seed: the same rows give the same trees on every run.
/// </summary>
internal static class FastTreeGbdtTrainer
{
    /// <summary>Trains on the rows (all vectors of <paramref name="featureNames"/>.Count floats).</summary>
    public static TreeEnsembleModel Train(IReadOnlyList<float[]> features, IReadOnlyList<bool> labels, IReadOnlyList<string> featureNames, GbdtTrainingOptions options)
    {
        var (_, transformer, _) = Fit(features, labels, featureNames.Count, options);
        var model = transformer.Model;
        var ensemble = model.SubModel.TrainedTreeEnsemble;
        var trees = new List<RegressionTree>(ensemble.Trees.Count);
        for (var t = 0; t < ensemble.Trees.Count; t++)
        {
            var tree = ensemble.Trees[t];
            if (tree.CategoricalSplitFlags.Any(flag => flag))
            {
                throw new InvalidOperationException("categorical splits are not supported by the runtime evaluator");
            }

            var weight = ensemble.TreeWeights[t];
            trees.Add(new RegressionTree(
                [.. tree.NumericalSplitFeatureIndexes],
                [.. tree.NumericalSplitThresholds],
                [.. tree.LeftChild],
                [.. tree.RightChild],
                [.. tree.LeafValues.Select(v => v * weight)]));
        }

        return new TreeEnsembleModel(featureNames, ensemble.Bias, trees, new PlattCalibration(model.Calibrator.Slope, model.Calibrator.Offset));
    }

    /// <summary>ML.NET's own probabilities for the rows: tests check the exported evaluator agrees with them.</summary>
    internal static float[] PredictWithMlNet(IReadOnlyList<float[]> trainFeatures, IReadOnlyList<bool> labels, IReadOnlyList<float[]> rows, GbdtTrainingOptions options)
    {
        var (ml, transformer, schema) = Fit(trainFeatures, labels, trainFeatures[0].Length, options);
        var scored = transformer.Transform(ml.Data.LoadFromEnumerable(rows.Select(f => new Row { Features = f }), schema));
        return [.. scored.GetColumn<float>("Probability")];
    }

    private static (MLContext Ml, BinaryPredictionTransformer<Microsoft.ML.Calibrators.CalibratedModelParametersBase<FastTreeBinaryModelParameters, Microsoft.ML.Calibrators.PlattCalibrator>> Transformer, SchemaDefinition Schema) Fit(
        IReadOnlyList<float[]> features, IReadOnlyList<bool> labels, int width, GbdtTrainingOptions options)
    {
        var ml = new MLContext(seed: options.Seed);
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        var data = ml.Data.LoadFromEnumerable(features.Select((f, i) => new Row { Features = f, Label = labels[i] }), schema);
        var trainer = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            NumberOfTrees = options.NumberOfTrees,
            NumberOfLeaves = options.NumberOfLeaves,
            MinimumExampleCountPerLeaf = options.MinimumExampleCountPerLeaf,
            LearningRate = options.LearningRate,
            NumberOfThreads = 1,
            Seed = options.Seed,
            FeatureFlocks = false,
        });
        return (ml, trainer.Fit(data), schema);
    }

    private sealed class Row
    {
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }
    }
}

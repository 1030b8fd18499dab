using System.Text;
using LiftWing.Runtimes.Gbdt;

namespace LiftWing.Runtimes.Tests.Gbdt;

public sealed class TreeEnsembleModelTests
{
    // Tree 1: x0 <= 0.5 ? leaf0 (-1) : (x1 <= 2 ? leaf1 (0.5) : leaf2 (2)); tree 2: a single leaf (0.25).
    private const string Json = """
        {"format":"liftwing-gbdt/1","feature_names":["a","b"],"bias":0.1,
         "trees":[{"split_feature":[0,1],"threshold":[0.5,2],"left_child":[-1,-2],"right_child":[1,-3],"leaf_value":[-1,0.5,2]},
                  {"split_feature":[],"threshold":[],"left_child":[],"right_child":[],"leaf_value":[0.25]}],
         "calibration":{"kind":"platt","slope":-1,"offset":0}}
        """;

    private static TreeEnsembleModel Model() => TreeEnsembleModel.Load(new MemoryStream(Encoding.UTF8.GetBytes(Json)));

    [Theory]
    [InlineData(0f, 0f, 0.1 - 1 + 0.25)]
    [InlineData(0.5f, 9f, 0.1 - 1 + 0.25)]
    [InlineData(1f, 2f, 0.1 + 0.5 + 0.25)]
    [InlineData(1f, 3f, 0.1 + 2 + 0.25)]
    [InlineData(float.NaN, float.NaN, 0.1 + 2 + 0.25)]
    public void Score_WalksTreesLessOrEqualLeft(float a, float b, double expected) =>
        Assert.Equal(expected, Model().Score([a, b]), 12);

    [Fact]
    public void PredictProbability_AppliesPlatt() =>
        Assert.Equal(1 / (1 + Math.Exp(-(0.1 + 2 + 0.25))), Model().PredictProbability([1f, 3f]), 12);

    [Fact]
    public void SaveThenLoad_RoundTrips()
    {
        var model = Model();
        using var buffer = new MemoryStream();
        model.Save(buffer);
        buffer.Position = 0;

        var again = TreeEnsembleModel.Load(buffer);

        Assert.Equal(model.Score([1f, 3f]), again.Score([1f, 3f]));
        Assert.Equal(["a", "b"], again.FeatureNames);
    }

    [Fact]
    public void Score_WrongWidth_Throws() =>
        Assert.Throws<ArgumentException>(() => Model().Score([1f]));

    [Theory]
    [InlineData("""{"format":"other"}""")]
    [InlineData("not json")]
    [InlineData("""{"format":"liftwing-gbdt/1","feature_names":["a"],"trees":[{"split_feature":[3],"threshold":[0],"left_child":[-1],"right_child":[-2],"leaf_value":[0,1]}]}""")]
    [InlineData("""{"format":"liftwing-gbdt/1","feature_names":["a"],"trees":[{"split_feature":[0,0],"threshold":[0,0],"left_child":[1,-1],"right_child":[0,-2],"leaf_value":[0,1,2]}]}""")]
    [InlineData("""{"format":"liftwing-gbdt/1","feature_names":["a"],"trees":[{"split_feature":[0],"threshold":[0],"left_child":[-1],"right_child":[-2],"leaf_value":[0]}]}""")]
    public void Load_InvalidModel_ThrowsInvalidData(string json) =>
        Assert.Throws<InvalidDataException>(() => TreeEnsembleModel.Load(new MemoryStream(Encoding.UTF8.GetBytes(json))));
}

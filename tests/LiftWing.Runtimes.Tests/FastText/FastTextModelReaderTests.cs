using LiftWing.Runtimes.FastText;

namespace LiftWing.Runtimes.Tests.FastText;

public sealed class FastTextModelReaderTests
{
    [Fact]
    public void Load_DenseModel_ReadsHeaderDictionaryAndLabels()
    {
        var spec = FastTextTestModels.Dense(seed: 1, loss: 3, dim: 6, bucket: 200, labels: 5);

        var model = FastTextModel.Load(new MemoryStream(FastTextModelWriter.ToBytes(spec)));

        Assert.Equal(12, model.Version);
        Assert.False(model.IsQuantized);
        Assert.Equal(6, model.Args.Dim);
        Assert.Equal(FastTextLossKind.Softmax, model.Args.Loss);
        Assert.Equal(200, model.Args.Bucket);
        Assert.Equal(spec.NWords, model.WordCount);
        Assert.Equal(["l0", "l1", "l2", "l3", "l4"], model.Labels);
    }

    [Fact]
    public void Load_QuantizedModel_IsQuantized()
    {
        var spec = FastTextTestModels.Quantized(seed: 2, loss: 1, qout: true);

        var model = FastTextModel.Load(new MemoryStream(FastTextModelWriter.ToBytes(spec)));

        Assert.True(model.IsQuantized);
        Assert.Equal(FastTextLossKind.HierarchicalSoftmax, model.Args.Loss);
        Assert.Equal(4, model.Labels.Count);
    }

    [Fact]
    public void Load_WrongMagic_ThrowsFormatError()
    {
        var spec = FastTextTestModels.Dense(1, 3);
        spec.Magic = 12345;

        var ex = Assert.Throws<FastTextFormatException>(() => FastTextModel.Load(new MemoryStream(FastTextModelWriter.ToBytes(spec))));

        Assert.Contains("not a fastText model", ex.Message);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(13)]
    [InlineData(-1)]
    public void Load_UnsupportedVersion_ThrowsFormatError(int version)
    {
        var spec = FastTextTestModels.Dense(1, 3);
        spec.Version = version;

        var ex = Assert.Throws<FastTextFormatException>(() => FastTextModel.Load(new MemoryStream(FastTextModelWriter.ToBytes(spec))));

        Assert.Contains($"version {version}", ex.Message);
    }

    [Fact]
    public void Load_TextFile_ThrowsFormatError()
    {
        var bytes = "__label__en hello world\n"u8.ToArray();

        Assert.Throws<FastTextFormatException>(() => FastTextModel.Load(new MemoryStream(bytes)));
    }

    [Fact]
    public void Load_EveryTruncation_ThrowsFormatErrorNeverAnotherException()
    {
        var bytes = FastTextModelWriter.ToBytes(FastTextTestModels.Quantized(seed: 3, loss: 1, dim: 4, bucket: 50, kept: 10, qout: true));

        for (var length = 0; length < bytes.Length; length += length < 200 ? 1 : 37)
        {
            var ex = Record.Exception(() => FastTextModel.Load(new MemoryStream(bytes, 0, length)));
            Assert.True(ex is FastTextFormatException, $"length {length}: {ex?.GetType().Name ?? "no exception"}: {ex?.Message}");
        }
    }

    [Fact]
    public void Load_TruncatedFile_MessageSaysTruncated()
    {
        var bytes = FastTextModelWriter.ToBytes(FastTextTestModels.Dense(4, 3));

        var ex = Assert.Throws<FastTextFormatException>(() => FastTextModel.Load(new MemoryStream(bytes, 0, bytes.Length - 3)));

        Assert.Contains("truncated", ex.Message);
        Assert.Contains("output matrix", ex.Message);
    }

    [Fact]
    public void Load_UnsupervisedModel_ThrowsFormatError()
    {
        var spec = FastTextTestModels.Dense(1, 3);
        spec.ModelKind = 2;

        var ex = Assert.Throws<FastTextFormatException>(() => FastTextModel.Load(new MemoryStream(FastTextModelWriter.ToBytes(spec))));

        Assert.Contains("not a supervised classifier", ex.Message);
    }

    [Fact]
    public void Load_PrunedDictionaryWithDenseInput_ThrowsFormatError()
    {
        var spec = FastTextTestModels.Dense(1, 3, bucket: 20);
        spec.Prune = new Dictionary<int, int> { [3] = 0 };

        var ex = Assert.Throws<FastTextFormatException>(() => FastTextModel.Load(new MemoryStream(FastTextModelWriter.ToBytes(spec))));

        Assert.Contains("pruned", ex.Message);
    }

    [Fact]
    public void Load_InputMatrixTooSmallForBuckets_ThrowsFormatError()
    {
        var spec = FastTextTestModels.Dense(1, 3, bucket: 20);
        spec.Input = spec.Input![..^1];

        var ex = Assert.Throws<FastTextFormatException>(() => FastTextModel.Load(new MemoryStream(FastTextModelWriter.ToBytes(spec))));

        Assert.Contains("input matrix", ex.Message);
    }

    [Fact]
    public void Load_HugeDictionarySize_ThrowsFormatErrorWithoutAllocating()
    {
        var bytes = FastTextModelWriter.ToBytes(FastTextTestModels.Dense(1, 3));

        // The dictionary size follows magic, version, 12 int32 args and a double: offset 64.
        BitConverter.GetBytes(int.MaxValue - 1).CopyTo(bytes, 64);
        BitConverter.GetBytes(int.MaxValue - 10).CopyTo(bytes, 68);
        BitConverter.GetBytes(9).CopyTo(bytes, 72);

        var ex = Assert.Throws<FastTextFormatException>(() => FastTextModel.Load(new MemoryStream(bytes)));
        Assert.Contains("dictionary", ex.Message);
    }

    [Fact]
    public void Load_MissingFile_ThrowsFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => FastTextModel.Load(Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".ftz")));
    }
}

using LiftWing.Core.Errors;
using LiftWing.Core.Tensors;

namespace LiftWing.Core.Tests.Tensors;

public sealed class BFloat16Tests
{
    [Theory]
    [InlineData(1.5f, (ushort)0x3FC0)]
    [InlineData(-2f, (ushort)0xC000)]
    [InlineData(3.140625f, (ushort)0x4049)]
    [InlineData(1.00390625f, (ushort)0x3F80)] // halfway between 1 and 1.0078125: ties to even (down)
    [InlineData(1.01171875f, (ushort)0x3F82)] // halfway between 1.0078125 and 1.015625: ties to even (up)
    [InlineData(float.PositiveInfinity, (ushort)0x7F80)]
    public void FromSingle_RoundsToNearestEven(float value, ushort bits) => Assert.Equal(bits, ((BFloat16)value).Bits);

    [Fact]
    public void NaN_StaysNaN_AndWideningIsExact()
    {
        Assert.True(float.IsNaN((float)(BFloat16)float.NaN));
        Assert.True(float.IsNaN((float)(BFloat16)BitConverter.UInt32BitsToSingle(0x7F800001))); // a NaN whose payload is in the low bits
        for (var bits = 0; bits <= ushort.MaxValue; bits += 7)
        {
            var value = new BFloat16((ushort)bits);
            if (!float.IsNaN((float)value))
            {
                Assert.Equal(value, (BFloat16)(float)value);
            }
        }
    }

    [Fact]
    public void Raw_DecodesTwoBytesPerElement_AndRoundTrips()
    {
        byte[] raw = [0xC0, 0x3F, 0x00, 0xC0];
        var data = (BFloat16[])RawTensorCodec.Decode("b", "BF16", [2], raw);
        Assert.Equal([1.5f, -2f], data.Select(v => (float)v));
        Assert.Equal(raw, RawTensorCodec.AsBytes(data).ToArray());
        var ex = Assert.Throws<InvalidInputException>(() => RawTensorCodec.Decode("b", "BF16", [2], raw.AsSpan(0, 3)));
        Assert.Equal("Input 'b': 3 bytes of raw data do not match shape [2] of BF16 (2 × 2 bytes).", ex.Message);
    }

    [Fact]
    public void Widening_Fp16AndBf16ToFp32_IsExact_AndKeepsNameShapeParameters()
    {
        var parameters = new Dictionary<string, object?> { ["p"] = 1L };
        var bf16 = FloatWidening.ToSingle(new TensorData("b", "BF16", [1, 2], new[] { new BFloat16(0x3FC0), new BFloat16(0xC000) }, parameters));
        Assert.Equal(("b", "FP32"), (bf16.Name, bf16.Datatype));
        Assert.Equal(new long[] { 1, 2 }, bf16.Shape);
        Assert.Same(parameters, bf16.Parameters);
        Assert.Equal([1.5f, -2f], (float[])bf16.Data);
        var fp16 = FloatWidening.ToSingle(new TensorData("h", "FP16", [2], new[] { (Half)0.333f, Half.MaxValue }));
        Assert.Equal([(float)(Half)0.333f, 65504f], (float[])fp16.Data);
        Assert.True(FloatWidening.Widens("BF16", "FP32"));
        Assert.False(FloatWidening.Widens("FP32", "FP16"));
        Assert.False(FloatWidening.Widens("BF16", "FP64"));
    }
}

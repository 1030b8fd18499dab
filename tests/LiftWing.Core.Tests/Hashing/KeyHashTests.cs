using System.Security.Cryptography;
using System.Text;
using LiftWing.Core.Hashing;

namespace LiftWing.Core.Tests.Hashing;

/// <summary>
/// Cache keys are stored in shared L2 stores: the managed SHA-256 must give exactly the platform's digest, or every
/// stored answer would be orphaned and replicas on different builds would disagree on keys.
/// </summary>
public sealed class KeyHashTests
{
    [Theory]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    public void KnownAnswers(string text, string expected)
    {
        Assert.Equal(expected, KeyHash.Sha256Hex(Encoding.ASCII.GetBytes(text)));
    }

    [Fact]
    public void EveryLengthAroundTheBlockBoundariesAndTheNativeSwitch_MatchesThePlatform()
    {
        var random = new Random(21);
        var data = new byte[KeyHash.ManagedLimit + 200];
        random.NextBytes(data);
        Span<byte> ours = stackalloc byte[32];
        for (var length = 0; length < data.Length; length++)
        {
            var input = data.AsSpan(0, length);
            KeyHash.Sha256(input, ours);
            Assert.True(ours.SequenceEqual(SHA256.HashData(input)), $"length {length}");
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(input)), KeyHash.Sha256Hex(input));
        }
    }

    [Fact]
    public void RandomInputs_MatchThePlatform()
    {
        var random = new Random(2121);
        Span<byte> ours = stackalloc byte[32];
        for (var i = 0; i < 2000; i++)
        {
            var input = new byte[random.Next(0, 300)];
            random.NextBytes(input);
            SmallSha256.Hash(input, ours);
            Assert.True(ours.SequenceEqual(SHA256.HashData(input)), Convert.ToHexString(input));
        }
    }

    [Fact]
    public void ADestinationShorterThanTheDigest_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => SmallSha256.Hash([1, 2, 3], new byte[31]));
    }
}

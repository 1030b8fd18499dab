using System.Runtime.CompilerServices;
using LiftWing.Core.Models;

namespace LiftWing.Server.Http;

/// <summary>
/// The cached-hit lane's memory of model cache keys by request body: a body that passed the endpoint's checks and got a
/// key from a model gets the same key, without the parse, the text check or the model's keying, when the same bytes
/// (with the same content type) come again. A model's key is a function of its body (<see cref="IModel.GetCacheKey"/>),
/// and the checks of the body's bytes and content type, so the remembered key is exactly what they would give.
/// One memo per model instance, held by the instance: a reloaded model starts empty, and an unloaded one takes its memo
/// with it. Direct-mapped and lock-free: a slot is one immutable entry, a newer body replaces an older one in its slot,
/// and a lookup compares every byte, so a collision can only cost a miss, never a wrong key.
/// </summary>
internal sealed class BodyKeyMemo
{
    /// <summary>The largest body remembered: longer ones are rarely repeated byte for byte and would hold more memory.</summary>
    internal const int MaxBody = 2048;

    // 1,024 slots of at most 2 KiB each: at most about 2 MiB per model.
    private const int Slots = 1024;

    private static readonly ConditionalWeakTable<IModel, BodyKeyMemo> s_byModel = [];

    private readonly Entry?[] _slots = new Entry?[Slots];

    /// <summary>The memo of one model instance (made on first use).</summary>
    public static BodyKeyMemo For(IModel model) => s_byModel.GetOrAdd(model, static _ => new BodyKeyMemo());

    /// <summary>The keys remembered for these bytes and content type, or null.</summary>
    public Entry? Find(ReadOnlySpan<byte> body, string? contentType)
    {
        if (body.Length > MaxBody)
        {
            return null;
        }

        var entry = Volatile.Read(ref _slots[Slot(body)]);
        return entry is not null
            && string.Equals(entry.ContentType, contentType, StringComparison.Ordinal)
            && body.SequenceEqual(entry.Body)
                ? entry
                : null;
    }

    /// <summary>
    /// Remembers the key the model made of a body that passed the endpoint's checks (<paramref name="key"/>), or the
    /// keys of its items when it is a batch (<paramref name="itemKeys"/>).
    /// </summary>
    public void Remember(ReadOnlySpan<byte> body, string? contentType, string? key, IReadOnlyList<string>? itemKeys = null)
    {
        if (body.Length <= MaxBody && (key is not null || itemKeys is not null))
        {
            Volatile.Write(ref _slots[Slot(body)], new Entry(body.ToArray(), contentType, key, itemKeys));
        }
    }

    // HashCode is seeded per process, so which bodies share a slot cannot be chosen from outside.
    private static int Slot(ReadOnlySpan<byte> body)
    {
        var hash = default(HashCode);
        hash.AddBytes(body);
        return hash.ToHashCode() & (Slots - 1);
    }

    /// <summary>A remembered body: its model key, or its items' keys when it is a batch.</summary>
    internal sealed record Entry(byte[] Body, string? ContentType, string? Key, IReadOnlyList<string>? ItemKeys);
}

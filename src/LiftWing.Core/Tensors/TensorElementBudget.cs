using LiftWing.Core.Errors;

namespace LiftWing.Core.Tensors;

/// <summary>
/// The element limit of one request, shared by all its inputs: each tensor takes its shape's element count before
/// its data is read or allocated. A shape with more than <see cref="V2JsonCodec.MaxRank"/> dimensions, whose element
/// count overflows, or that would take the request past the limit is a 400 naming the input. One instance per request.
/// </summary>
public sealed class TensorElementBudget
{
    /// <summary>A budget of <paramref name="maxElements"/> elements for all inputs together.</summary>
    public TensorElementBudget(long maxElements)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxElements);
        Max = maxElements;
        Remaining = maxElements;
    }

    /// <summary>The limit for the whole request.</summary>
    public long Max { get; }

    /// <summary>What the inputs taken so far have left.</summary>
    public long Remaining { get; private set; }

    /// <summary>A fresh budget of <see cref="V2JsonCodec.DefaultMaxElements"/>.</summary>
    public static TensorElementBudget Default() => new(V2JsonCodec.DefaultMaxElements);

    /// <summary>Checks the shape and takes its element count from the budget; returns the count.</summary>
    public long Take(string name, long[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Length > V2JsonCodec.MaxRank)
        {
            throw new InvalidInputException($"Input '{name}': shape has {shape.Length} dimensions; at most {V2JsonCodec.MaxRank} are allowed.");
        }

        long count = 1;
        foreach (var d in shape)
        {
            if (d < 0)
            {
                throw new InvalidInputException($"Input '{name}': shape entries must be non-negative integers.");
            }

            if (d != 0 && count > long.MaxValue / d)
            {
                throw new InvalidInputException($"Input '{name}': shape [{string.Join(",", shape)}] has more elements than can be counted.");
            }

            count *= d;
        }

        if (count > Remaining)
        {
            throw new InvalidInputException($"Input '{name}': shape [{string.Join(",", shape)}] has {count} elements; a request may carry at most {Max} in all.");
        }

        Remaining -= count;
        return count;
    }
}

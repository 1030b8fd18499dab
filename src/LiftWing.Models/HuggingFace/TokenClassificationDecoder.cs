using System.Numerics.Tensors;

namespace LiftWing.Models.HuggingFace;

/// <summary>
/// Turns per-token logits into labelled tokens and groups them into entities like the HF pipeline's
/// <c>aggregation_strategy="simple"</c>: tokens labelled <c>O</c> are dropped, a <c>B-</c> tag or a change of
/// entity type starts a new group, and a group's score is the mean of its tokens' probabilities.
/// </summary>
public static class TokenClassificationDecoder
{
    /// <summary>Decodes one text's logits ([tokens × labels], special tokens included).</summary>
    public static IReadOnlyList<TokenEntity> Decode(EncodedText text, ReadOnlySpan<float> logits, IReadOnlyList<string> labels, bool aggregate)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(labels);
        var width = logits.Length / text.Length;
        var tokens = new List<(int Index, string Label, float Score, int Start, int End)>();
        var probs = new float[width];
        // Skip [CLS] and [SEP]: they cover no text.
        for (var t = 1; t < text.Length - 1; t++)
        {
            TensorPrimitives.SoftMax(logits.Slice(t * width, width), probs);
            var best = TensorPrimitives.IndexOfMax(probs);
            var label = best < labels.Count ? labels[best] : $"LABEL_{best}";
            if (label == "O")
            {
                continue;
            }

            var (start, length) = text.Offsets[t].GetOffsetAndLength(text.NormalizedText.Length);
            tokens.Add((t, label, probs[best], start, start + length));
        }

        if (!aggregate)
        {
            return tokens.Select(x => new TokenEntity
            {
                Entity = x.Label,
                Score = x.Score,
                Index = x.Index,
                Word = text.NormalizedText[x.Start..x.End],
                Start = x.Start,
                End = x.End,
            }).ToList();
        }

        var entities = new List<TokenEntity>();
        var group = new List<(int Index, string Label, float Score, int Start, int End)>();
        string? groupType = null;
        foreach (var token in tokens)
        {
            var (bio, type) = SplitTag(token.Label);
            var contiguous = group.Count > 0 && group[^1].Index == token.Index - 1;
            if (group.Count > 0 && (bio == 'B' || type != groupType || !contiguous))
            {
                entities.Add(Merge(text, group, groupType!));
                group.Clear();
            }

            group.Add(token);
            groupType = type;
        }

        if (group.Count > 0)
        {
            entities.Add(Merge(text, group, groupType!));
        }

        return entities;
    }

    private static TokenEntity Merge(EncodedText text, List<(int Index, string Label, float Score, int Start, int End)> group, string type) => new()
    {
        EntityGroup = type,
        Score = group.Average(g => g.Score),
        Word = text.NormalizedText[group[0].Start..group[^1].End],
        Start = group[0].Start,
        End = group[^1].End,
    };

    private static (char Bio, string Type) SplitTag(string label) =>
        label.Length > 2 && label[1] == '-' && label[0] is 'B' or 'I' ? (label[0], label[2..]) : ('I', label);
}

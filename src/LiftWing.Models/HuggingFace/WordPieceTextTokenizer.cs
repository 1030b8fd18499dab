using System.Text;
using System.Text.Json;
using LiftWing.Core.Errors;
using Microsoft.ML.Tokenizers;

namespace LiftWing.Models.HuggingFace;

/// <summary>
/// A BERT WordPiece tokenizer (Microsoft.ML.Tokenizers' <see cref="BertTokenizer"/>) from a <c>vocab.txt</c> or a
/// WordPiece <c>tokenizer.json</c>, with HF's truncation: keep the first <c>maxLength - 2</c> tokens, then wrap
/// in <c>[CLS] … [SEP]</c>. Thread-safe.
/// </summary>
internal sealed class WordPieceTextTokenizer
{
    private readonly BertTokenizer _bert;

    private WordPieceTextTokenizer(BertTokenizer bert) => _bert = bert;

    /// <summary>The <c>[PAD]</c> id.</summary>
    public long PadId => _bert.PaddingTokenId;

    /// <summary>Loads a <c>vocab.txt</c> (one token per line, id = line number).</summary>
    public static WordPieceTextTokenizer FromVocab(string vocabPath, bool lowerCase)
    {
        using var fs = File.OpenRead(vocabPath);
        return new WordPieceTextTokenizer(BertTokenizer.Create(fs, BertOptionsFor(lowerCase, stripAccents: lowerCase, chineseChars: true)));
    }

    /// <summary>
    /// Loads a Hugging Face <c>tokenizer.json</c> whose model is WordPiece (BERT, DistilBERT, MiniLM …); other
    /// models (BPE, Unigram) are refused with a clear error.
    /// </summary>
    public static WordPieceTextTokenizer FromTokenizerJson(string path, bool? lowerCase)
    {
        using var fs = File.OpenRead(path);
        using var doc = JsonDocument.Parse(fs);
        var root = doc.RootElement;
        if (!root.TryGetProperty("model", out var model) || !model.TryGetProperty("type", out var type) || type.GetString() != "WordPiece")
        {
            throw new NotSupportedException($"{Path.GetFileName(path)}: only WordPiece tokenizers are supported (found model type '{(model.ValueKind == JsonValueKind.Object && model.TryGetProperty("type", out var t) ? t.GetString() : "?")}').");
        }

        var vocab = model.GetProperty("vocab").EnumerateObject().Select(p => (Token: p.Name, Id: p.Value.GetInt32())).OrderBy(p => p.Id).ToList();
        for (var i = 0; i < vocab.Count; i++)
        {
            if (vocab[i].Id != i)
            {
                throw new InvalidDataException($"{Path.GetFileName(path)}: vocabulary ids must be 0..N-1 without gaps (id {i} missing).");
            }
        }

        // BertNormalizer's flags; strip_accents null means "same as lowercase", as in HF tokenizers.
        var lower = lowerCase ?? true;
        var strip = lower;
        var chinese = true;
        if (root.TryGetProperty("normalizer", out var norm) && norm.ValueKind == JsonValueKind.Object &&
            norm.TryGetProperty("type", out var nt) && nt.GetString() == "BertNormalizer")
        {
            if (lowerCase is null && norm.TryGetProperty("lowercase", out var lc) && lc.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                lower = lc.GetBoolean();
            }

            strip = norm.TryGetProperty("strip_accents", out var sa) && sa.ValueKind is JsonValueKind.True or JsonValueKind.False ? sa.GetBoolean() : lower;
            chinese = !norm.TryGetProperty("handle_chinese_chars", out var hc) || hc.ValueKind != JsonValueKind.False;
        }

        var text = new StringBuilder();
        foreach (var (token, _) in vocab)
        {
            text.Append(token).Append('\n');
        }

        using var vocabStream = new MemoryStream(Encoding.UTF8.GetBytes(text.ToString()));
        return new WordPieceTextTokenizer(BertTokenizer.Create(vocabStream, BertOptionsFor(lower, strip, chinese)));
    }

    /// <summary>
    /// Tokenizes one text. Longer texts are cut to <paramref name="maxLength"/> tokens (special tokens included)
    /// when <paramref name="truncate"/> is true, else refused with a 400.
    /// </summary>
    public EncodedText Encode(string text, int maxLength, bool truncate)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = _bert.EncodeToTokens(text, out var normalized);
        var keep = tokens.Count;
        var truncated = false;
        if (keep > maxLength - 2)
        {
            if (!truncate)
            {
                throw new InvalidInputException($"The input has {keep + 2} tokens, more than the model's maximum of {maxLength}.");
            }

            keep = maxLength - 2;
            truncated = true;
        }

        var ids = new long[keep + 2];
        var offsets = new Range[keep + 2];
        ids[0] = _bert.ClassificationTokenId;
        offsets[0] = default;
        for (var i = 0; i < keep; i++)
        {
            ids[i + 1] = tokens[i].Id;
            offsets[i + 1] = tokens[i].Offset;
        }

        ids[keep + 1] = _bert.SeparatorTokenId;
        offsets[keep + 1] = default;
        return new EncodedText(ids, offsets, normalized ?? text, truncated);
    }

    private static BertOptions BertOptionsFor(bool lowerCase, bool stripAccents, bool chineseChars) => new()
    {
        LowerCaseBeforeTokenization = lowerCase,
        RemoveNonSpacingMarks = stripAccents,
        IndividuallyTokenizeCjk = chineseChars,
        ApplyBasicTokenization = true,
    };
}

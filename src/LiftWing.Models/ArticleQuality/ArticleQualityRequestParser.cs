using System.Buffers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using LiftWing.Core.Errors;
using LiftWing.Core.Json;

namespace LiftWing.Models.ArticleQuality;

/// <summary>
/// Validates articlequality requests: <c>{"rev_id", "lang", "extended_output"}</c> (Lift Wing), and the
/// extensions <c>{"lang", "html", "extended_output"}</c> and <c>{"instances": [...]}</c>. Every bad input is a
/// 400 naming the field, where Lift Wing answers 500 for several of them.
/// </summary>
internal static class ArticleQualityRequestParser
{
    /// <summary>Parses one request object (a whole request or one batch instance).</summary>
    public static ArticleQualityItem ParseItem(JsonElement body, FeatureMaximaTable maxima, long maxHtmlBytes)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidInputException("Please verify that request input is a json dict");
        }

        var lang = ParseLang(body, maxima, out var wikiMaxima);
        var extended = ParseExtendedOutput(body);
        var hasRev = body.TryGetProperty("rev_id", out var revElement) && revElement.ValueKind != JsonValueKind.Null;
        var hasHtml = body.TryGetProperty("html", out var htmlElement) && htmlElement.ValueKind != JsonValueKind.Null;
        if (hasRev && hasHtml)
        {
            throw new InvalidInputException("Send either \"rev_id\" (to score a saved revision) or \"html\" (to score Parsoid HTML), not both.");
        }

        if (hasHtml)
        {
            if (htmlElement.ValueKind != JsonValueKind.String || DecodeHtml(htmlElement) is not { Length: > 0 } html)
            {
                throw new InvalidInputException("Expected \"html\" to be a non-empty string of Parsoid HTML.");
            }

            // An escape in JSON text is never shorter than the UTF-8 it stands for, so a raw value within the limit
            // needs no count of the unescaped bytes.
            if (JsonMarshal.GetRawUtf8Value(htmlElement).Length > maxHtmlBytes && Encoding.UTF8.GetByteCount(html.Memory.Span) > maxHtmlBytes)
            {
                html.Dispose();
                throw new InvalidInputException($"\"html\" is larger than the {maxHtmlBytes}-byte limit.", 413);
            }

            return new ArticleQualityItem { Lang = lang, Html = html, ExtendedOutput = extended, Maxima = wikiMaxima };
        }

        if (!hasRev)
        {
            throw new InvalidInputException("Missing \"rev_id\" in input data (or send \"html\" to score Parsoid HTML).");
        }

        var revisionId = ParseRevisionId(revElement);
        return new ArticleQualityItem
        {
            Lang = lang,
            RevisionId = revisionId,
            RevisionIdText = revElement.ValueKind == JsonValueKind.String ? revElement.GetString() : null,
            ExtendedOutput = extended,
            Maxima = wikiMaxima,
        };
    }

    /// <summary>
    /// The string's characters (what <see cref="JsonElement.GetString"/> returns, refusing what it refuses with the same
    /// <see cref="InvalidOperationException"/>), decoded into a rented buffer instead of a new string; an empty string
    /// gives null. The document already knows where the string ends, so its raw text is decoded in place rather than
    /// tokenized again (a reader over it checks a page with thousands of escapes byte by byte).
    /// </summary>
    internal static ArticleHtml? DecodeHtml(JsonElement element)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element);
        var content = raw[1..^1]; // the raw text of a string keeps its quotes
        if (content.IsEmpty)
        {
            return null;
        }

        // Never more UTF-16 characters than UTF-8 bytes, and an escape is longer than the character it stands for.
        var chars = ArrayPool<char>.Shared.Rent(content.Length);
        byte[]? unescaped = null;
        try
        {
            var utf8 = content;
            if (content.IndexOf((byte)'\\') >= 0)
            {
                unescaped = ArrayPool<byte>.Shared.Rent(content.Length);
                utf8 = unescaped.AsSpan(0, Unescape(content, unescaped));
            }

            if (Utf8.ToUtf16(utf8, chars, out _, out var written, replaceInvalidSequences: false) != OperationStatus.Done)
            {
                throw new InvalidOperationException("Cannot transcode invalid UTF-8 JSON text to UTF-16 string.");
            }

            return new ArticleHtml(chars, written);
        }
        catch
        {
            ArrayPool<char>.Shared.Return(chars);
            throw;
        }
        finally
        {
            if (unescaped is not null)
            {
                ArrayPool<byte>.Shared.Return(unescaped);
            }
        }
    }

    // JSON unescaping of text the document parse has already checked (every escape complete, \u with four hex digits).
    private static int Unescape(ReadOnlySpan<byte> content, Span<byte> destination)
    {
        int read = 0, written = 0;
        while (true)
        {
            var at = content[read..].IndexOf((byte)'\\');
            if (at < 0)
            {
                content[read..].CopyTo(destination[written..]);
                return written + content.Length - read;
            }

            content.Slice(read, at).CopyTo(destination[written..]);
            written += at;
            read += at;
            var escaped = content[read + 1];
            read += 2;
            switch (escaped)
            {
                case (byte)'b':
                    destination[written++] = (byte)'\b';
                    break;
                case (byte)'f':
                    destination[written++] = (byte)'\f';
                    break;
                case (byte)'n':
                    destination[written++] = (byte)'\n';
                    break;
                case (byte)'r':
                    destination[written++] = (byte)'\r';
                    break;
                case (byte)'t':
                    destination[written++] = (byte)'\t';
                    break;
                case (byte)'u':
                    var unit = JsonEscapeDigits.Parse(content, read);
                    read += 4;
                    var scalar = unit;
                    if (unit is >= 0xD800 and <= 0xDFFF)
                    {
                        // As GetString: a high surrogate directly followed by an escaped low one, nothing else.
                        var low = unit < 0xDC00 && read + 6 <= content.Length && content[read] == (byte)'\\' && content[read + 1] == (byte)'u'
                            ? JsonEscapeDigits.Parse(content, read + 2)
                            : -1;
                        if (low is < 0xDC00 or > 0xDFFF)
                        {
                            throw new InvalidOperationException("Cannot read invalid UTF-16 JSON text as string.");
                        }

                        scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                        read += 6;
                    }

                    written += new Rune(scalar).EncodeToUtf8(destination[written..]);
                    break;
                default: // '"', '\\', '/'
                    destination[written++] = escaped;
                    break;
            }
        }
    }

    /// <summary>The model's cache key, or null when the request is not cacheable (batches, invalid requests).</summary>
    public static string? CacheKey(JsonElement body) => CacheKey(body, null);

    /// <summary>
    /// <see cref="CacheKey(JsonElement)"/>, reusing <paramref name="parsedHtml"/> (the body's <c>html</c>, already
    /// decoded) and hashing its UTF-8 from a pooled buffer, so keying adds no copy of a large page.
    /// </summary>
    public static string? CacheKey(JsonElement body, ArticleHtml? parsedHtml)
    {
        if (body.ValueKind != JsonValueKind.Object
            || body.TryGetProperty("instances", out _)
            || !body.TryGetProperty("lang", out var langElement) || langElement.ValueKind != JsonValueKind.String
            || langElement.GetString() is not { Length: > 0 } lang)
        {
            return null;
        }

        bool extended;
        try
        {
            extended = ParseExtendedOutput(body);
        }
        catch (InvalidInputException)
        {
            return null;
        }

        var flag = extended ? "true" : "false";
        var hasHtml = body.TryGetProperty("html", out var html) && html.ValueKind == JsonValueKind.String;
        var hasRev = body.TryGetProperty("rev_id", out var rev) && rev.ValueKind is JsonValueKind.Number or JsonValueKind.String;
        if (hasHtml && !hasRev)
        {
            var hash = Convert.ToHexStringLower(parsedHtml is not null ? Sha256OfUtf8(parsedHtml.Memory.Span) : Sha256OfUtf8(html.GetString()!));
            return $"html:{lang}wiki:{flag}:{hash}";
        }

        if (!hasRev || hasHtml)
        {
            return null;
        }

        // A string id is answered as a string, so it keys apart from the number (quoted; valid ids are digits only).
        return rev.ValueKind == JsonValueKind.String
            ? TryParseDigits(rev.GetString()!, out _) ? $"{lang}wiki:\"{rev.GetString()}\":{flag}" : null
            : rev.TryGetInt64(out var id) && id > 0 ? $"{lang}wiki:{id}:{flag}" : null;
    }

    private static byte[] Sha256OfUtf8(ReadOnlySpan<char> text)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            return SHA256.HashData(buffer.AsSpan(0, Encoding.UTF8.GetBytes(text, buffer)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Lift Wing's <c>strtobool</c> on a string, plus JSON booleans (a 500 in Lift Wing); absent is false.</summary>
    public static bool ParseExtendedOutput(JsonElement body)
    {
        if (!body.TryGetProperty("extended_output", out var e) || e.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        switch (e.ValueKind)
        {
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.String:
                switch (e.GetString()!.ToLowerInvariant())
                {
                    case "y" or "yes" or "t" or "true" or "on" or "1":
                        return true;
                    case "n" or "no" or "f" or "false" or "off" or "0":
                        return false;
                }

                break;
        }

        throw new InvalidInputException($"Expected \"extended_output\" to be a boolean or one of \"true\"/\"false\" (got {Describe(e)}).");
    }

    private static string ParseLang(JsonElement body, FeatureMaximaTable maxima, out FeatureMaxima wikiMaxima)
    {
        if (!body.TryGetProperty("lang", out var e) || e.ValueKind == JsonValueKind.Null)
        {
            throw new InvalidInputException("Missing \"lang\" in input data.");
        }

        if (e.ValueKind != JsonValueKind.String || e.GetString() is not { Length: > 0 } lang)
        {
            throw new InvalidInputException($"Expected \"lang\" to be a non-empty string such as \"en\" (got {Describe(e)}).");
        }

        if (!maxima.TryGet(lang, out wikiMaxima))
        {
            var shown = lang.Length > 40 ? lang[..40] + "…" : lang;
            throw new InvalidInputException($"Unsupported lang \"{shown}\": the articlequality model has no feature maxima for {shown}wiki.");
        }

        return lang;
    }

    // Lift Wing puts rev_id into the URL untyped and echoes it as given, so a string of digits is a revision too.
    private static long ParseRevisionId(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.String)
        {
            return TryParseDigits(e.GetString()!, out var fromText)
                ? fromText
                : throw new InvalidInputException($"Expected \"rev_id\" to be an integer or a string of digits (got {Describe(e)}).");
        }

        if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt64(out var id))
        {
            throw new InvalidInputException($"Expected \"rev_id\" to be an integer (got {Describe(e)}).");
        }

        return id > 0 ? id : throw new InvalidInputException($"\"rev_id\" must be a positive integer (got {id}).");
    }

    private static bool TryParseDigits(string text, out long id) =>
        long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out id) && id > 0;

    private static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{Truncate(e.GetString()!)}\"",
        JsonValueKind.Number => $"the number {Truncate(e.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {e.GetRawText()}",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => e.ValueKind.ToString().ToLowerInvariant(),
    };

    private static string Truncate(string s) => s.Length > 40 ? s[..40] + "…" : s;
}

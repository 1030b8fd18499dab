using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;

namespace LiftWing.FunctionalTests.Hardening.Corpus;

/// <summary>
/// Builds the hostile request corpus for one endpoint, deterministically: malformed and hostile JSON, broken
/// encodings (invalid UTF-8, lone surrogates), numbers at and past every limit, deep nesting, large sizes, every
/// field replaced by every hostile value or removed, content types, compressed bodies (valid, broken, bombs),
/// request-id abuse and broken HTTP framing.
/// </summary>
internal static class HostileCorpus
{
    private const string Placeholder = "@@HOSTILE@@";

    /// <summary>Hostile JSON values, as raw bytes (some are deliberately not valid UTF-8).</summary>
    public static IReadOnlyList<(string Name, byte[] Json)> Values { get; } = BuildValues();

    public static IReadOnlyList<CorpusCase> For(CorpusEndpoint endpoint)
    {
        var cases = new List<CorpusCase>();
        void Add(string name, byte[] body, string contentType = "application/json", string extraHeaders = "") =>
            cases.Add(new CorpusCase(endpoint.Name, name, $"POST {endpoint.Path} HTTP/1.1\r\nContent-Type: {contentType}\r\n{extraHeaders}", body));

        // 1. Whole-body malformations.
        foreach (var (name, body) in WholeBodies())
        {
            Add("body/" + name, body);
        }

        // 2. Every field replaced by every hostile value, and removed.
        foreach (var field in endpoint.Fields)
        {
            foreach (var (name, json) in Values)
            {
                Add($"field/{field}={name}", Replace(endpoint.ValidBody, field, json));
            }

            Add($"field/{field} removed", Remove(endpoint.ValidBody, field));
        }

        // 3. Unknown and duplicated fields.
        var valid = Encoding.UTF8.GetBytes(endpoint.ValidBody);
        Add("extra/unknown field", Encoding.UTF8.GetBytes(endpoint.ValidBody.TrimEnd()[..^1] + ",\"zzz\":[1,{\"a\":null}]}"));
        Add("extra/duplicate first field", Encoding.UTF8.GetBytes(endpoint.ValidBody.TrimEnd()[..^1] + "," + endpoint.ValidBody.Trim()[1..]));

        // 4. Content types.
        foreach (var ct in new[]
        {
            "text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded",
            "application/json; charset=utf-16", "application/json; charset=iso-8859-1", ";;;", "application/json; charset=\"",
            "application/octet-stream", "*/*",
        })
        {
            Add("content-type/" + ct, valid, ct);
        }

        Add("content-type/utf-16 body", Encoding.Unicode.GetBytes(endpoint.ValidBody), "application/json; charset=utf-16");

        // 5. Compressed bodies: valid, broken, and a bomb whose decoded size is far over the body limit.
        Add("encoding/gzip", Gzip(valid), extraHeaders: "Content-Encoding: gzip\r\n");
        Add("encoding/deflate", Deflate(valid), extraHeaders: "Content-Encoding: deflate\r\n");
        Add("encoding/br", Brotli(valid), extraHeaders: "Content-Encoding: br\r\n");
        Add("encoding/gzip of garbage", Gzip(Encoding.UTF8.GetBytes("{{{{not json")), extraHeaders: "Content-Encoding: gzip\r\n");
        Add("encoding/not gzip", valid, extraHeaders: "Content-Encoding: gzip\r\n");
        Add("encoding/truncated gzip", Gzip(valid)[..10], extraHeaders: "Content-Encoding: gzip\r\n");
        Add("encoding/gzip bomb", Bomb, extraHeaders: "Content-Encoding: gzip\r\n");
        Add("encoding/unknown", valid, extraHeaders: "Content-Encoding: x-unknown\r\n");
        Add("encoding/gzip twice declared", Gzip(valid), extraHeaders: "Content-Encoding: gzip, gzip\r\n");

        // 6. Request ids.
        foreach (var (name, id) in new[]
        {
            ("latin-1", "caf\u00e9"), ("utf-8 bytes", Encoding.Latin1.GetString(Encoding.UTF8.GetBytes("漢字"))), ("long", new string('a', 5000)),
            ("spaces", "a b c"), ("tab", "a\tb"), ("empty", ""), ("quotes", "\"';--"), ("crlf-like", "a%0d%0aX-Injected: 1"),
        })
        {
            Add("request-id/" + name, valid, extraHeaders: $"x-request-id: {id}\r\n");
        }

        // 7. Framing (Kestrel parses these before LiftWing runs).
        void Raw(string name, string head, byte[] body, bool kestrel = true) =>
            cases.Add(new CorpusCase(endpoint.Name, "framing/" + name, $"POST {endpoint.Path} HTTP/1.1\r\nContent-Type: application/json\r\n{head}", body, Framing: true) { KestrelLevel = kestrel });
        Raw("bad chunk size", "Transfer-Encoding: chunked\r\n", Encoding.ASCII.GetBytes("zz\r\n{}\r\n0\r\n\r\n"), kestrel: false);
        Raw("chunk size overflow", "Transfer-Encoding: chunked\r\n", Encoding.ASCII.GetBytes("ffffffffffffffffffff\r\n{}\r\n0\r\n\r\n"), kestrel: false);
        Raw("chunk without terminator", "Transfer-Encoding: chunked\r\n", Encoding.ASCII.GetBytes("2\r\n{}XX0\r\n\r\n"), kestrel: false);
        Raw("valid chunked", "Transfer-Encoding: chunked\r\n", Chunked(valid), kestrel: false);
        Raw("content-length not a number", "Content-Length: abc\r\n", valid);
        Raw("negative content-length", "Content-Length: -5\r\n", valid);
        Raw("two content-lengths", $"Content-Length: {valid.Length}\r\nContent-Length: 3\r\n", valid);
        Raw("content-length and chunked", $"Content-Length: {valid.Length}\r\nTransfer-Encoding: chunked\r\n", Chunked(valid));
        Raw("content-length shorter than body", "Content-Length: 3\r\n", valid, kestrel: false);
        Raw("unknown transfer-encoding", "Transfer-Encoding: gzip\r\n", valid);
        Raw("header without colon", $"Content-Length: {valid.Length}\r\nNoColonHere\r\n", valid);
        Raw("huge header", $"Content-Length: {valid.Length}\r\nX-Big: {new string('a', 70_000)}\r\n", valid);
        return cases;
    }

    private static IEnumerable<(string, byte[])> WholeBodies()
    {
        static byte[] U(string s) => Encoding.UTF8.GetBytes(s);
        yield return ("empty", []);
        yield return ("whitespace", U(" \r\n\t "));
        yield return ("null", U("null"));
        yield return ("array", U("[]"));
        yield return ("array of object", U("[{}]"));
        yield return ("string", U("\"x\""));
        yield return ("number", U("42"));
        yield return ("true", U("true"));
        yield return ("empty object", U("{}"));
        yield return ("truncated", U("{\"a\":"));
        yield return ("unterminated string", U("{\"a\":\"abc"));
        yield return ("trailing garbage", U("{}x"));
        yield return ("two objects", U("{}{}"));
        yield return ("trailing comma", U("{\"a\":1,}"));
        yield return ("comment", U("{/* c */}"));
        yield return ("line comment", U("{\"a\":1}// c"));
        yield return ("single quotes", U("{'a':1}"));
        yield return ("unquoted key", U("{a:1}"));
        yield return ("NaN literal", U("{\"a\":NaN}"));
        yield return ("Infinity literal", U("{\"a\":Infinity}"));
        yield return ("leading zeros", U("{\"a\":007}"));
        yield return ("hex number", U("{\"a\":0x10}"));
        yield return ("plus number", U("{\"a\":+1}"));
        yield return ("bare minus", U("{\"a\":-}"));
        yield return ("BOM", [0xEF, 0xBB, 0xBF, .. U("{}")]);
        yield return ("UTF-16 BOM", [0xFF, 0xFE, (byte)'{', 0, (byte)'}', 0]);
        yield return ("NUL bytes", [0, 0, 0, 0]);
        yield return ("NUL inside", U("{\"a\":\u0000}"));
        yield return ("raw control in string", U("{\"a\":\"\u0001\u0002\"}"));
        yield return ("raw newline in string", U("{\"a\":\"x\ny\"}"));
        yield return ("bad escape", U("{\"a\":\"\\x41\"}"));
        yield return ("short unicode escape", U("{\"a\":\"\\u12\"}"));
        yield return ("escaped lone high surrogate key", U("{\"\\ud800\":1}"));
        yield return ("invalid utf-8 key", [.. U("{\""), 0xFF, .. U("\":1}")]);
        yield return ("invalid utf-8 outside strings", [.. U("{"), 0xC3, .. U("}")]);
        yield return ("binary garbage", Garbage(4096, 1));
        yield return ("random ascii", Encoding.ASCII.GetBytes(new string(Garbage(2048, 2).Select(b => (char)(32 + (b % 95))).ToArray())));
        yield return ("xml", U("<?xml version=\"1.0\"?><a/>"));
        yield return ("html", U("<html><body>hi</body></html>"));
        yield return ("form", U("a=1&b=2"));
        foreach (var depth in new[] { 63, 65, 200, 10_000, 100_000 })
        {
            yield return ($"nested arrays {depth}", U("{\"a\":" + new string('[', depth) + new string(']', depth) + "}"));
            yield return ($"nested objects {depth}", U(string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth)));
        }

        yield return ("unclosed nesting", U(new string('[', 50_000)));
        yield return ("100k keys", U("{" + string.Join(",", Enumerable.Range(0, 100_000).Select(i => $"\"k{i}\":{i}")) + "}"));
        yield return ("100k element array", U("{\"a\":[" + string.Join(",", Enumerable.Repeat("0", 100_000)) + "]}"));
        yield return ("1 MB string", U("{\"a\":\"" + new string('x', 1 << 20) + "\"}"));
        yield return ("1 MB of escapes", U("{\"a\":\"" + string.Concat(Enumerable.Repeat("\\u0041", 170_000)) + "\"}"));
        yield return ("over the body limit", U("{\"a\":\"" + new string('x', 11 << 20) + "\"}"));
        yield return ("huge number", U("{\"a\":" + new string('9', 100_000) + "}"));
        yield return ("huge exponent", U("{\"a\":1e99999999999}"));
    }

    private static IReadOnlyList<(string, byte[])> BuildValues()
    {
        static byte[] U(string s) => Encoding.UTF8.GetBytes(s);
        static byte[] Q(params byte[][] parts) => [(byte)'"', .. parts.SelectMany(p => p), (byte)'"'];
        return
        [
            ("null", U("null")), ("true", U("true")), ("false", U("false")),
            ("0", U("0")), ("-1", U("-1")), ("1", U("1")), ("1.5", U("1.5")), ("-0", U("-0")), ("-0.0", U("-0.0")),
            ("1e308", U("1e308")), ("-1e308", U("-1e308")), ("1e400", U("1e400")), ("5e-324", U("5e-324")), ("1e-400", U("1e-400")),
            ("2^63-1", U("9223372036854775807")), ("2^63", U("9223372036854775808")), ("-2^63-1", U("-9223372036854775809")),
            ("2^64", U("18446744073709551616")), ("30 digits", U("123456789012345678901234567890")), ("2^31", U("2147483648")),
            ("empty string", U("\"\"")), ("space", U("\" \"")), ("whitespace", U("\"\\t\\n\\r \"")),
            ("100k chars", U("\"" + new string('a', 100_000) + "\"")), ("100k spaces", U("\"" + new string(' ', 100_000) + "\"")),
            ("numeric string", U("\"123\"")), ("negative string", U("\"-1\"")), ("float string", U("\"1e5\"")),
            ("true string", U("\"true\"")), ("null string", U("\"null\"")), ("NaN string", U("\"NaN\"")),
            ("empty array", U("[]")), ("empty object", U("{}")), ("array of null", U("[null]")), ("nested arrays", U("[[[[[[]]]]]]")),
            ("nested object", U("{\"a\":{\"b\":{\"c\":{}}}}")), ("array of strings", U("[\"a\",\"b\"]")), ("array of numbers", U("[1,2,3]")),
            ("mixed array", U("[1,\"a\",null,{},[]]")), ("100k array", U("[" + string.Join(",", Enumerable.Repeat("1", 100_000)) + "]")),
            ("escaped NUL", U("\"\\u0000\"")), ("escaped lone high surrogate", U("\"\\ud800\"")), ("escaped lone low surrogate", U("\"\\udfff\"")),
            ("escaped reversed pair", U("\"\\udc00\\ud800\"")), ("escaped high then text", U("\"a\\ud800b\"")), ("escaped pair", U("\"\\ud83d\\ude00\"")),
            ("invalid utf-8 FF", Q([0xFF, 0xFE])), ("overlong utf-8", Q([0xC0, 0xAF])), ("truncated utf-8", Q([0xE2, 0x82])),
            ("CESU surrogate utf-8", Q([0xED, 0xA0, 0x80])), ("utf-8 past U+10FFFF", Q([0xF4, 0x90, 0x80, 0x80])),
            ("continuation only", Q([0x80, 0x80])), ("invalid after valid", Q(U("abc"), [0xFF])),
            ("emoji", U("\"😀👍🏽\"")), ("RTL override", U("\"\u202Eabc\"")), ("zero width", U("\"\u200B\u200D\uFEFF\"")),
            ("combining", U("\"" + string.Concat(Enumerable.Repeat("e\u0301\u0302\u0303", 1000)) + "\"")),
            ("path traversal", U("\"../../../../etc/passwd\"")), ("script", U("\"<script>alert(1)</script>\"")),
            ("sql", U("\"' OR 1=1 --\"")), ("percent", U("\"%00%ff%\"")), ("format", U("\"{0}{1}%s%n\"")),
            ("url", U("\"http://127.0.0.1:1/x\"")), ("file url", U("\"file:///etc/passwd\"")), ("data url", U("\"data:image/png;base64,AAAA\"")),
            ("control chars escaped", U("\"\\u0001\\u001f\\u007f\"")), ("html tags", U("\"<div><div><div>\"")),
        ];
    }

    private static byte[] Replace(string validBody, string field, byte[] json)
    {
        var node = JsonNode.Parse(validBody)!;
        Set(node, field, JsonValue.Create(Placeholder));
        var text = Encoding.UTF8.GetBytes(node.ToJsonString());
        var marker = Encoding.UTF8.GetBytes("\"" + Placeholder + "\"");
        var at = text.AsSpan().IndexOf(marker);
        return [.. text.AsSpan(0, at), .. json, .. text.AsSpan(at + marker.Length)];
    }

    private static byte[] Remove(string validBody, string field)
    {
        var node = JsonNode.Parse(validBody)!;
        Set(node, field, null, remove: true);
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    /// <summary>Sets (or removes) the node at a path like <c>a[0].b</c>.</summary>
    private static void Set(JsonNode root, string path, JsonNode? value, bool remove = false)
    {
        var parts = path.Replace("[", ".[", StringComparison.Ordinal).Split('.', StringSplitOptions.RemoveEmptyEntries);
        var parent = root;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            parent = parts[i].StartsWith('[') ? parent[int.Parse(parts[i][1..^1], System.Globalization.CultureInfo.InvariantCulture)]! : parent[parts[i]]!;
        }

        var last = parts[^1];
        if (last.StartsWith('['))
        {
            var index = int.Parse(last[1..^1], System.Globalization.CultureInfo.InvariantCulture);
            var array = parent.AsArray();
            if (remove)
            {
                array.RemoveAt(index);
            }
            else
            {
                array[index] = value;
            }
        }
        else if (remove)
        {
            parent.AsObject().Remove(last);
        }
        else
        {
            parent[last] = value;
        }
    }

    private static byte[] Garbage(int n, int seed)
    {
        var b = new byte[n];
        new Random(seed).NextBytes(b);
        return b;
    }

    private static byte[] Chunked(byte[] body) =>
        [.. Encoding.ASCII.GetBytes($"{body.Length:x}\r\n"), .. body, .. Encoding.ASCII.GetBytes("\r\n0\r\n\r\n")];

    private static byte[] Gzip(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var z = new GZipStream(ms, CompressionLevel.Fastest))
        {
            z.Write(data);
        }

        return ms.ToArray();
    }

    private static byte[] Deflate(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var z = new DeflateStream(ms, CompressionLevel.Fastest))
        {
            z.Write(data);
        }

        return ms.ToArray();
    }

    private static byte[] Brotli(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var z = new BrotliStream(ms, CompressionLevel.Fastest))
        {
            z.Write(data);
        }

        return ms.ToArray();
    }

    /// <summary>256 MiB of zeros in about 250 kB of gzip: decoding it in full would cost seconds and the memory.</summary>
    private static byte[] Bomb { get; } = MakeBomb();

    private static byte[] MakeBomb()
    {
        using var ms = new MemoryStream();
        using (var z = new GZipStream(ms, CompressionLevel.SmallestSize))
        {
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 256; i++)
            {
                z.Write(zeros);
            }
        }

        return ms.ToArray();
    }
}

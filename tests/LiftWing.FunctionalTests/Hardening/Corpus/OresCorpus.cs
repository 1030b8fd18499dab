using System.Text;

namespace LiftWing.FunctionalTests.Hardening.Corpus;

/// <summary>
/// Hostile requests for the ORES routes (<c>/v3/scores/...</c> and the deprecated <c>/scores</c>, <c>/v1/scores</c>),
/// deterministically: bad and junk contexts, revision ids that are not integers or overflow, model lists with junk,
/// huge revid lists, percent-encoded invalid UTF-8 and surrogates, query abuse, other methods and header abuse.
/// </summary>
internal static class OresCorpus
{
    public static IReadOnlyList<CorpusCase> Build()
    {
        var cases = new List<CorpusCase>();
        void Get(string name, string target, string method = "GET", string headers = "") =>
            cases.Add(new CorpusCase("ores", name, $"{method} {target} HTTP/1.1\r\n{headers}", []));

        string[] contexts =
        [
            "enwiki", "", "x", "whateverwiki", "enwiki%00", "%FF%FE", "..%2F..%2Fetc", new string('w', 5000), "en%20wiki", "ENWIKI",
            "enwiki%3Bdrop", "%C0%AF", "%ED%A0%80", "%F0%9F%98%80", "wikidatawiki", "%E2%80%AEenwiki", "enwiki%0D%0AX-Injected:%201",
        ];
        string[] revids =
        [
            "1", "0", "-1", "1.5", "abc", "99999999999999999999999", "1e5", "0x10", "%201", "%00", "%FF", "1%7C2", "9223372036854775807",
            "9223372036854775808", "%ED%A0%80",
        ];
        string[] models = ["damaging", "goodfaith", "NOPE", "damaging%7Cgoodfaith", "%FF", new string('m', 3000), "articlequality", "damaging%00", "..%2F.."];

        // 1. Path shapes over every route family.
        foreach (var prefix in new[] { "/v3/scores", "/scores", "/v1/scores" })
        {
            foreach (var c in contexts)
            {
                Get($"path{prefix}/context={Short(c)}", $"{prefix}/{c}");
                Get($"path{prefix}/context={Short(c)}/", $"{prefix}/{c}/");
            }

            foreach (var r in revids)
            {
                Get($"path{prefix}/revid={Short(r)}", $"{prefix}/enwiki/{r}");
            }

            foreach (var m in models)
            {
                Get($"path{prefix}/model={Short(m)}", $"{prefix}/enwiki/1/{m}");
            }
        }

        // 2. Query abuse on the context route.
        string[] queries =
        [
            "models=", "models=%7C%7C%7C", "models=damaging%7C" + string.Join("%7C", Enumerable.Repeat("junk", 200)), "models=%FF%FE",
            "models=%ED%A0%80", "models=damaging&models=goodfaith", "revids=", "revids=abc", "revids=1%7Cabc", "revids=" + string.Join("%7C", Enumerable.Range(1, 1000)),
            "revids=" + string.Join("%7C", Enumerable.Repeat("1", 2000)), "revids=-1", "revids=1.0", "revids=99999999999999999999999",
            "revids=%00", "revids=1&revids=2", "features", "features=maybe", "model_info", "model_info=%FF", "model_info=junk%7Cmore",
            "callback=x", "callback=%FF", "format=xml", "precache=true", "inject=%7B%7D", "feature.revision=1", "a=" + new string('a', 6000),
            "%FF=%FF", "&&&&", "=", "models=damaging&revids=1&features=true&model_info=type", "revids=1%7C1%7C1%7C1", "revids=%2B1", "revids=1e3",
            "models=damaging%00goodfaith", "models=" + new string('d', 7000),
        ];
        foreach (var q in queries)
        {
            Get($"query/{Short(q)}", $"/v3/scores/enwiki?{q}");
            Get($"query/{Short(q)} on revision", $"/v3/scores/enwiki/1?{q}");
        }

        // 3. Other methods on ORES routes.
        foreach (var method in new[] { "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "TRACE", "FOO" })
        {
            foreach (var target in new[] { "/v3/scores", "/v3/scores/enwiki", "/v3/scores/enwiki/1", "/v3/scores/enwiki/1/damaging", "/v3/precache", "/scores/enwiki" })
            {
                Get($"method/{method} {target}", target, method);
            }
        }

        // 4. Header abuse.
        (string Name, string Header)[] headers =
        [
            ("latin-1 user agent", "User-Agent: caf\u00e9\r\n"), ("long user agent", $"User-Agent: {new string('u', 8000)}\r\n"),
            ("request id non-ascii", "x-request-id: \u00e9\u00e9\r\n"), ("request id long", $"x-request-id: {new string('r', 5000)}\r\n"),
            ("accept xml", "Accept: application/xml\r\n"), ("accept garbage", "Accept: ;;;,,,\r\n"), ("json body on get", "Content-Type: application/json\r\n"),
            ("gzip encoding", "Content-Encoding: gzip\r\n"), ("x-forwarded-for junk", "X-Forwarded-For: not-an-ip, ::::\r\n"),
            ("many headers", string.Concat(Enumerable.Range(0, 90).Select(i => $"X-H{i}: {i}\r\n"))),
        ];
        foreach (var (name, header) in headers)
        {
            foreach (var target in new[] { "/v3/scores/enwiki/1/damaging", "/v3/scores/enwiki?models=damaging&revids=1", "/v3/scores/" })
            {
                Get($"header/{name} {target}", target, headers: header);
            }
        }

        // 5. Raw targets Kestrel sees first.
        Get("raw/absolute form", "http://other.example/v3/scores/enwiki");
        Get("raw/asterisk", "*");
        Get("raw/double slash", "//v3//scores//enwiki");
        Get("raw/dot segments", "/v3/scores/../scores/./enwiki");
        Get("raw/encoded slash", "/v3/scores/enwiki%2F1%2Fdamaging");
        Get("raw/very long path", "/v3/scores/" + new string('p', 20_000));
        return cases;
    }

    private static string Short(string s) => s.Length > 40 ? s[..40] + $"…({s.Length})" : s;
}

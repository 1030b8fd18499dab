using System.Text;
using System.Text.Json;
using LiftWing.FunctionalTests.Hardening.Corpus;
using LiftWing.Tests.Common;
using Xunit.Abstractions;

namespace LiftWing.FunctionalTests.Hardening;

/// <summary>
/// The hostile corpus against a real server, endpoint by endpoint: every case answers below 500, within 5 s,
/// with the documented error body on a 4xx, and the process is still live afterwards.
/// </summary>
[Collection(CorpusSerialDefinition.Name)]
public sealed partial class CorpusTests(CorpusServerFixture fixture, ITestOutputHelper output) : IClassFixture<CorpusServerFixture>
{
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(5);

    public static TheoryData<string> EndpointNames => [.. Endpoints().Select(e => e.Name)];

    internal static IEnumerable<CorpusEndpoint> Endpoints()
    {
        var image = Convert.ToBase64String(File.ReadAllBytes(TestPaths.SharedData("liftwing", "logo", "12_rue_de_Condé_-_detail.jpg")));
        yield return new("articlequality", "/v1/models/articlequality:predict",
            """{"lang":"en","rev_id":1321555271,"extended_output":false}""", ["lang", "rev_id", "extended_output", "html"]);
        yield return new("langid", "/v1/models/langid:predict",
            """{"text":"Some words in English to identify","k":2}""", ["text", "k", "instances"]);
        yield return new("revertrisk", "/v1/models/revertrisk-language-agnostic:predict",
            """{"lang":"en","rev_id":2001}""", ["lang", "rev_id", "instances", "event"], DetailErrors: true);
        yield return new("logo-detection", "/v1/models/logo-detection:predict",
            $$"""{"instances":[{"filename":"a.jpg","image":"{{image}}","target":"logo"}]}""", ["instances", "instances[0].filename", "instances[0].image", "instances[0].target", "instances[0]"]);
        yield return new("minilm", "/v1/models/all-MiniLM-L6-v2:predict",
            """{"instances":["a sentence to embed","another one"]}""", ["instances", "instances[0]", "instances[1]"]);
        yield return new("v2-example-linear", "/v2/models/example-linear/infer",
            """{"id":"q","inputs":[{"name":"input","shape":[1,4],"datatype":"FP32","data":[5.1,3.5,1.4,0.2]}],"outputs":[{"name":"label"}]}""",
            ["id", "inputs", "inputs[0]", "inputs[0].name", "inputs[0].shape", "inputs[0].datatype", "inputs[0].data", "outputs"]);
        yield return new("openai-embeddings", "/openai/v1/embeddings",
            """{"model":"all-MiniLM-L6-v2","input":"a sentence","encoding_format":"float"}""", ["model", "input", "encoding_format", "dimensions", "user"], OpenAIErrors: true);
    }

    [Theory]
    [MemberData(nameof(EndpointNames))]
    public async Task Corpus_NoCaseCrashesStallsOrAnswers5xx(string endpointName)
    {
        var endpoint = Endpoints().Single(e => e.Name == endpointName);
        var cases = HostileCorpus.For(endpoint);
        Assert.True(cases.Count >= 300, $"{endpointName}: only {cases.Count} cases");
        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        foreach (var c in cases)
        {
            var r = await RawHttpClient.SendAsync(fixture.Server.BaseAddress, c, TimeSpan.FromSeconds(30));
            statuses[r.Status] = statuses.GetValueOrDefault(r.Status) + 1;
            if (Check(endpoint, c, r) is { } problem)
            {
                failures.Add($"{c.Name}: {problem}");
            }
        }

        output.WriteLine($"{endpointName}: {cases.Count} cases; statuses {string.Join(", ", statuses.Select(kv => $"{kv.Key}×{kv.Value}"))}");
        using var live = await fixture.Server.Client.GetAsync("v2/health/live");
        Assert.True(live.IsSuccessStatusCode, "the server is not live after the corpus");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} cases failed:\n" + string.Join("\n", failures.Take(40)));
    }

    private static string? Check(CorpusEndpoint endpoint, CorpusCase c, RawHttpClient.RawResponse r)
    {
        if (r.Elapsed > s_limit)
        {
            return $"took {r.Elapsed.TotalSeconds:0.0} s (status {r.Status})";
        }

        if (r.Status == 0)
        {
            // Only broken framing may end with a closed connection and no answer.
            return c.KestrelLevel ? null : "no response";
        }

        if (r.Status >= 500)
        {
            return $"{r.Status} {Text(r.Body)}";
        }

        // Kestrel's own rejections carry the error body too (the connection middleware adds it).
        if (r.Status < 400)
        {
            return null;
        }

        return ErrorBodyProblem(endpoint, r.Body);
    }

    /// <summary>
    /// The documented error body: one key, <c>{"error": "..."}</c>, or <c>{"detail": "..."}</c> where the model raises
    /// Lift Wing's FastAPI errors, or OpenAI's <c>{"error": {"message": "..."}}</c>.
    /// </summary>
    internal static string? ErrorBodyProblem(CorpusEndpoint endpoint, byte[] body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.EnumerateObject().Count() != 1)
            {
                return "not a one-key error body: " + Text(body);
            }

            var error = endpoint.DetailErrors && doc.RootElement.TryGetProperty("detail", out var detail) ? detail : doc.RootElement.GetProperty("error");
            var message = endpoint.OpenAIErrors && error.ValueKind == JsonValueKind.Object ? error.GetProperty("message") : error;
            return message.ValueKind == JsonValueKind.String && message.GetString()!.Length > 0 ? null : "error body without a message: " + Text(body);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return "not the documented error body: " + Text(body);
        }
    }

    private static string Text(byte[] body) => body.Length > 300 ? Encoding.UTF8.GetString(body, 0, 300) + "…" : Encoding.UTF8.GetString(body);
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LiftWing.Tests.Common;

/// <summary>
/// A fake upstream Lift Wing for the ORES API: real HTTP on 127.0.0.1, answering
/// <c>POST /v1/models/{isvc}:predict</c> with registered bodies per <c>(isvc, rev_id)</c> (the recorded revscoring
/// documents), and for anything else Lift Wing's 400 for a revision MediaWiki does not know. Every call is recorded.
/// </summary>
public sealed class FakeLiftWingUpstream : IAsyncDisposable
{
    private readonly LoopbackHttpServer _server;
    private readonly ConcurrentDictionary<(string Isvc, long RevId), CannedAnswer> _answers = new();
    private int _inFlight;
    private int _maxInFlight;

    /// <summary>Starts the fake.</summary>
    public FakeLiftWingUpstream() => _server = new LoopbackHttpServer(RespondAsync);

    /// <summary>The base URL (what <c>--ores-upstream</c> takes).</summary>
    public Uri BaseAddress => _server.BaseAddress;

    /// <summary>How long each answer waits (a slow upstream).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Every predict call, in arrival order.</summary>
    public ConcurrentQueue<UpstreamCall> Calls { get; } = new();

    /// <summary>The most calls that were in flight at once.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>Lift Wing's text for a revision MediaWiki does not know.</summary>
    public static string MissingRevision(long revid) =>
        $"The MW API does not have any info related to the rev-id provided as input ({revid}), therefore it is not possible to extract features properly. " +
        "One possible cause is the deletion of the page related to the revision id. Please contact the ML-Team if you need more info.";

    /// <summary>Loads Lift Wing's recorded revscoring bodies (<c>liftwing/ores/liftwing_responses.json</c>), each under the isvc it names.</summary>
    public static FakeLiftWingUpstream FromRecorded(string path)
    {
        var fake = new FakeLiftWingUpstream();
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        foreach (var recorded in doc.RootElement.GetProperty("responses").EnumerateObject())
        {
            var context = recorded.Value.EnumerateObject().Single();
            var model = context.Value.GetProperty("models").EnumerateObject().Single().Name;
            var revid = long.Parse(context.Value.GetProperty("scores").EnumerateObject().Single().Name, CultureInfo.InvariantCulture);
            if (model == "wp10")
            {
                continue; // ores-legacy's expected output for the wp10 alias, not an isvc's answer
            }

            fake.Answer($"{context.Name}-{model}", revid, 200, recorded.Value.GetRawText());
        }

        return fake;
    }

    /// <summary>Registers an answer.</summary>
    public void Answer(string isvc, long revid, int status, string body, string contentType = "application/json", string? reason = null) =>
        _answers[(isvc, revid)] = new CannedAnswer(status, reason ?? ReasonOf(status), contentType, Encoding.UTF8.GetBytes(body));

    private async Task RespondAsync(RecordedRequest request, NetworkStream stream, CancellationToken ct)
    {
        var length = request.Headers.TryGetValue("Content-Length", out var l) ? int.Parse(l, CultureInfo.InvariantCulture) : 0;
        var body = new byte[length];
        await stream.ReadExactlyAsync(body, ct);
        var inFlight = Interlocked.Increment(ref _inFlight);
        int seen;
        while (inFlight > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, inFlight, seen) != seen)
        {
        }

        try
        {
            var answer = Route(request, body);
            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay, ct);
            }

            var head = $"HTTP/1.1 {answer.Status} {answer.Reason}\r\nContent-Type: {answer.ContentType}\r\nContent-Length: {answer.Body.Length}\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), ct);
            await stream.WriteAsync(answer.Body, ct);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private CannedAnswer Route(RecordedRequest request, byte[] body)
    {
        const string prefix = "/v1/models/", suffix = ":predict";
        if (request.Method != "POST" || !request.Target.StartsWith(prefix, StringComparison.Ordinal) || !request.Target.EndsWith(suffix, StringComparison.Ordinal))
        {
            return new CannedAnswer(404, "Not Found", "text/plain", "404: Not Found"u8.ToArray());
        }

        var isvc = request.Target[prefix.Length..^suffix.Length];
        using var doc = JsonDocument.Parse(body);
        var revid = doc.RootElement.GetProperty("rev_id").GetInt64();
        var extended = doc.RootElement.TryGetProperty("extended_output", out var e) && e.ValueKind == JsonValueKind.True;
        Calls.Enqueue(new UpstreamCall(isvc, request.Headers.GetValueOrDefault("Host"), revid, extended, request.Headers.GetValueOrDefault("Content-Type")));
        return _answers.TryGetValue((isvc, revid), out var answer)
            ? (extended || answer.Status != 200 ? answer : WithoutFeatures(answer))
            : new CannedAnswer(400, "Bad Request", "application/json", JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["error"] = MissingRevision(revid) }));
    }

    // Lift Wing adds "features" only for extended_output: true.
    private static CannedAnswer WithoutFeatures(CannedAnswer answer)
    {
        var root = JsonNode.Parse(answer.Body)!.AsObject();
        foreach (var context in root.Select(p => p.Value).OfType<JsonObject>())
        {
            foreach (var byModel in (context["scores"] as JsonObject ?? []).Select(p => p.Value).OfType<JsonObject>())
            {
                foreach (var score in byModel.Select(p => p.Value).OfType<JsonObject>())
                {
                    score.Remove("features");
                }
            }
        }

        return answer with { Body = Encoding.UTF8.GetBytes(root.ToJsonString()) };
    }

    private static string ReasonOf(int status) => status switch
    {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    };

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private sealed record CannedAnswer(int Status, string Reason, string ContentType, byte[] Body);
}

/// <summary>One predict call the fake received.</summary>
public sealed record UpstreamCall(string Isvc, string? Host, long RevId, bool ExtendedOutput, string? ContentType);

using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LiftWing.Tests.Common.Events;

/// <summary>
/// A small real EventGate stand-in (<c>POST /v1/events</c>, a body of one event or an array) on a free port, following
/// eventgate's <c>routes/events.js</c> statuses: 201 all accepted, 207 some failed, 400 all invalid, 500 all failed
/// with an error, bodies <c>{"invalid": [EventStatus], "error": [EventStatus]}</c>. Events are validated with the
/// published schema (JsonSchema.Net). A script of modes per POST makes it fail, then recover.
/// </summary>
public sealed class FakeEventGate : IAsyncDisposable
{
    private readonly LoopbackHttpServer _server;
    private readonly ConcurrentQueue<EventGateMode> _script = new();
    private int _posts;

    public FakeEventGate()
    {
        // Build the schema first: a first answer slower than the client's timeout would be a (real) duplicate delivery.
        EventSchemas.ValidatePredictionClassificationChange(JsonDocument.Parse("{}").RootElement);
        _server = new LoopbackHttpServer(RespondAsync);
    }

    /// <summary>The events URL.</summary>
    public string Url => new Uri(_server.BaseAddress, "v1/events").ToString();

    /// <summary>Events accepted, in order (meta.id → event); an id accepted twice would show in <see cref="AcceptedIds"/>.</summary>
    public ConcurrentQueue<JsonObject> Accepted { get; } = new();

    /// <summary>Every accepted <c>meta.id</c>, duplicates included.</summary>
    public IReadOnlyList<string> AcceptedIds => Accepted.Select(e => e["meta"]!["id"]!.GetValue<string>()).ToList();

    /// <summary>Events answered as invalid, with the validation errors.</summary>
    public ConcurrentQueue<(string Id, IReadOnlyList<string> Errors)> Invalid { get; } = new();

    /// <summary>The modes of the next POSTs (after them: <see cref="EventGateMode.Accept"/>).</summary>
    public void Script(params (EventGateMode Mode, int Posts)[] phases)
    {
        foreach (var (mode, n) in phases)
        {
            for (var i = 0; i < n; i++)
            {
                _script.Enqueue(mode);
            }
        }
    }

    /// <summary>POSTs received.</summary>
    public int Posts => Volatile.Read(ref _posts);

    /// <summary>The <c>UserAgent</c> header (Lift Wing's spelling) of the last POST.</summary>
    public string? LastUserAgent { get; private set; }

    /// <summary>Waits until <paramref name="count"/> distinct events were accepted.</summary>
    public async Task<bool> WaitForAcceptedAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (AcceptedIds.Distinct().Count() < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        return AcceptedIds.Distinct().Count() >= count;
    }

    private async Task RespondAsync(RecordedRequest request, NetworkStream stream, CancellationToken ct)
    {
        Interlocked.Increment(ref _posts);
        LastUserAgent = request.Headers.TryGetValue("UserAgent", out var ua) ? ua : null;
        var length = request.Headers.TryGetValue("Content-Length", out var cl) ? int.Parse(cl, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var body = new byte[length];
        await stream.ReadExactlyAsync(body, ct);
        var mode = _script.TryDequeue(out var m) ? m : EventGateMode.Accept;
        switch (mode)
        {
            case EventGateMode.ServerError:
                await WriteAsync(stream, 500, "Internal Server Error", "", ct);
                return;
            case EventGateMode.Hang:
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
                return;
        }

        if (length == 0)
        {
            await WriteAsync(stream, 400, "Bad Request", "", ct);
            return;
        }

        var node = JsonNode.Parse(body);
        var events = node is JsonArray a ? a.Select(e => e!.AsObject()).ToList() : [node!.AsObject()];
        var invalid = new JsonArray();
        var error = new JsonArray();
        var accepted = 0;
        var valid = 0;
        foreach (var ev in events)
        {
            using var doc = JsonDocument.Parse(ev.ToJsonString());
            var errors = EventSchemas.ValidatePredictionClassificationChange(doc.RootElement);
            var id = ev["meta"]?["id"]?.GetValue<string>() ?? "";
            if (errors.Count > 0)
            {
                Invalid.Enqueue((id, errors));
                invalid.Add(new JsonObject { ["status"] = "invalid", ["event"] = ev.DeepClone(), ["context"] = new JsonObject { ["errors"] = new JsonArray(errors.Select(e => (JsonNode)JsonValue.Create(e)).ToArray()) } });
                continue;
            }

            if (mode == EventGateMode.PartialErrors && valid++ % 2 == 1)
            {
                error.Add(new JsonObject { ["status"] = "error", ["event"] = ev.DeepClone(), ["context"] = new JsonObject { ["message"] = "Local: Queue full" } });
                continue;
            }

            Accepted.Enqueue(ev);
            accepted++;
        }

        var reply = new JsonObject { ["invalid"] = invalid, ["error"] = error }.ToJsonString();
        if (invalid.Count == 0 && error.Count == 0)
        {
            await WriteAsync(stream, 201, "Created", "", ct);
        }
        else if (accepted > 0)
        {
            await WriteAsync(stream, 207, "Multi-Status", reply, ct);
        }
        else if (error.Count > 0)
        {
            await WriteAsync(stream, 500, "Internal Server Error", reply, ct);
        }
        else
        {
            await WriteAsync(stream, 400, "Bad Request", reply, ct);
        }
    }

    private static async Task WriteAsync(NetworkStream stream, int status, string reason, string body, CancellationToken ct)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var head = $"HTTP/1.1 {status} {reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), ct);
        await stream.WriteAsync(bytes, ct);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _server.DisposeAsync();
}

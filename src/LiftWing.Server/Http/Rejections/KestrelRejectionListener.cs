using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace LiftWing.Server.Http.Rejections;

/// <summary>
/// Kestrel answers a request it cannot parse (request line, headers, framing, header timeout) itself, with an empty
/// body and without running any middleware; it has no hook to change that response. It does report the rejection,
/// synchronously and before writing the response, as the <see cref="EventName"/> diagnostic event. This listener
/// hands the rejection to the connection's <see cref="RejectionSlot"/>, so that <see cref="ErrorBodyPipeWriter"/>
/// can add the JSON error body to the response Kestrel then writes.
/// </summary>
internal sealed class KestrelRejectionListener : IObserver<KeyValuePair<string, object?>>, IDisposable
{
    public const string EventName = "Microsoft.AspNetCore.Server.Kestrel.BadRequest";

    private readonly ConcurrentDictionary<string, RejectionSlot> _slots = new(StringComparer.Ordinal);
    private readonly IDisposable _subscription;

    public KestrelRejectionListener(DiagnosticListener diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        _subscription = diagnostics.Subscribe(this, static name => name == EventName);
    }

    /// <summary>Starts watching a connection; <see cref="Unregister"/> when it ends.</summary>
    public RejectionSlot Register(string connectionId)
    {
        var slot = new RejectionSlot();
        _slots[connectionId] = slot;
        return slot;
    }

    public void Unregister(string connectionId) => _slots.TryRemove(connectionId, out _);

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key != EventName || value.Value is not IFeatureCollection features
            || features.Get<IBadRequestExceptionFeature>()?.Error is not BadHttpRequestException error
            || features.Get<IHttpConnectionFeature>()?.ConnectionId is not { } connectionId
            || !_slots.TryGetValue(connectionId, out var slot))
        {
            return;
        }

        var request = features.Get<IHttpRequestFeature>();
        slot.Set(new Rejection(error.StatusCode, KestrelErrorMessages.For(error), request?.Path, HttpMethods.IsHead(request?.Method ?? "")));
    }

    public void OnError(Exception error)
    {
    }

    public void OnCompleted()
    {
    }

    public void Dispose() => _subscription.Dispose();
}

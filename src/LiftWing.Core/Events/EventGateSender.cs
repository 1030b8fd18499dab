using System.Diagnostics;
using System.Net.Http.Headers;
using LiftWing.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiftWing.Core.Events;

/// <summary>
/// Posts due outbox events to EventGate in batches (a JSON array, <c>POST /v1/events</c>) and settles each one by
/// EventGate's answer: 2xx accepted; 207 only the listed <c>error</c>s retried and <c>invalid</c>s dead-lettered;
/// 400 dead-lettered with the validation context (never retried); 5xx, other statuses, timeouts and connection
/// errors retried with exponential back-off and jitter; events older than <see cref="EventsOptions.MaxAge"/> expire.
/// </summary>
internal sealed class EventGateSender
{
    private static readonly MediaTypeHeaderValue s_json = new("application/json");
    private readonly HttpClient _http;
    private readonly IEventOutbox _outbox;
    private readonly EventsOptions _options;
    private readonly EventMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Uri _url;

    /// <summary>Creates the sender.</summary>
    public EventGateSender(HttpClient http, IEventOutbox outbox, EventsOptions options, EventMetrics metrics, TimeProvider? time = null, ILogger? logger = null)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _outbox = outbox ?? throw new ArgumentNullException(nameof(outbox));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _url = new Uri(options.EventGateUrl ?? throw new ArgumentException("no EventGate URL", nameof(options)));
    }

    /// <summary>A retry delay after <paramref name="failures"/> failures: base × 2^(n-1), capped, half of it jittered.</summary>
    public static TimeSpan Backoff(int failures, TimeSpan retryBase, TimeSpan retryMax)
    {
        var exp = Math.Min(Math.Max(failures, 1) - 1, 30);
        var full = Math.Min(retryMax.TotalMilliseconds, retryBase.TotalMilliseconds * Math.Pow(2, exp));
        return TimeSpan.FromMilliseconds((full / 2) + (Random.Shared.NextDouble() * full / 2));
    }

    /// <summary>Leases one batch and delivers it; the result says what happened.</summary>
    public async Task<SendResult> SendOnceAsync(CancellationToken cancellationToken)
    {
        var batch = await _outbox.LeaseDueAsync(_options.BatchSize, _options.Lease, cancellationToken).ConfigureAwait(false);
        if (batch.Count == 0)
        {
            return SendResult.Idle;
        }

        var (status, body, failure) = await PostAsync(batch, cancellationToken).ConfigureAwait(false);
        var sent = new List<string>();
        var retry = new List<OutboxEvent>();
        var dead = new List<DeadLetter>();
        var reply = status is 207 or 400 or >= 500 ? EventGateReply.TryParse(body) : null;
        foreach (var e in batch)
        {
            if (reply is not null && reply.Invalid.TryGetValue(e.Id, out var context))
            {
                dead.Add(new DeadLetter(e, "invalid", context));
            }
            else if (reply is not null && reply.Error.ContainsKey(e.Id))
            {
                retry.Add(e);
            }
            else if (status is >= 200 and < 300)
            {
                sent.Add(e.Id); // 201, 202, and 207's events that are listed neither as invalid nor as error
            }
            else if (status == 400 && reply is null)
            {
                dead.Add(new DeadLetter(e, "rejected", Truncate(body)));
            }
            else
            {
                retry.Add(e);
            }
        }

        var now = _time.GetUtcNow();
        var expired = retry.Where(e => now - e.CreatedAt > _options.MaxAge).ToList();
        foreach (var e in expired)
        {
            retry.Remove(e);
            dead.Add(new DeadLetter(e, "expired", $"{{\"message\":\"not accepted within {_options.MaxAge}\",\"last\":\"{failure ?? status.ToString(System.Globalization.CultureInfo.InvariantCulture)}\"}}"));
        }

        await _outbox.AckAsync(sent, _options.SentRetention, cancellationToken).ConfigureAwait(false);
        var reason = failure ?? $"HTTP {status}";
        if (retry.Count > 0)
        {
            await _outbox.RetryAsync(retry.Select(e => new OutboxRetry(e.Id, now + Backoff(e.Attempts + 1, _options.RetryBase, _options.RetryMax))).ToList(), reason, cancellationToken).ConfigureAwait(false);
            _metrics.Retried.Add(retry.Count, new KeyValuePair<string, object?>("reason", failure is null ? status.ToString(System.Globalization.CultureInfo.InvariantCulture) : "transport"));
        }

        if (dead.Count > 0)
        {
            await _outbox.DeadLetterAsync(dead, cancellationToken).ConfigureAwait(false);
            foreach (var d in dead)
            {
                _metrics.DeadLettered.Add(1, new KeyValuePair<string, object?>("reason", d.Reason));
                EventLog.DeadLettered(_logger, d.Event.Id, d.Reason, d.Context);
            }
        }

        if (sent.Count > 0)
        {
            _metrics.Sent.Add(sent.Count);
        }

        // The whole batch failing (nothing accepted, nothing judged invalid) means EventGate is unwell: back off.
        return new SendResult(batch.Count, sent.Count, retry.Count, dead.Count, reason, Transient: sent.Count == 0 && dead.Count == 0 && retry.Count > 0);
    }

    private async Task<(int Status, byte[] Body, string? Failure)> PostAsync(IReadOnlyList<OutboxEvent> batch, CancellationToken cancellationToken)
    {
        var size = 2 + batch.Sum(e => e.Body.Length + 1);
        var payload = new byte[size];
        var at = 0;
        payload[at++] = (byte)'[';
        for (var i = 0; i < batch.Count; i++)
        {
            if (i > 0)
            {
                payload[at++] = (byte)',';
            }

            batch[i].Body.CopyTo(payload, at);
            at += batch[i].Body.Length;
        }

        payload[at++] = (byte)']';
        using var request = new HttpRequestMessage(HttpMethod.Post, _url) { Content = new ByteArrayContent(payload, 0, at) };
        request.Content.Headers.ContentType = s_json;
        request.Headers.TryAddWithoutValidation("UserAgent", _options.UserAgent); // Lift Wing's header name (sic)
        request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        var start = Stopwatch.GetTimestamp();
        var tag = "error";
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            tag = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ((int)response.StatusCode, body, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            tag = "timeout";
            return (0, [], $"timed out after {_options.RequestTimeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException ex)
        {
            return (0, [], ex.Message);
        }
        finally
        {
            _metrics.PostSeconds.Record(Stopwatch.GetElapsedTime(start).TotalSeconds, new KeyValuePair<string, object?>("status", tag));
        }
    }

    private static string Truncate(byte[] body)
    {
        var text = System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 4096));
        return text.Length == 0 ? "{\"message\":\"EventGate answered 400 with no body\"}" : text;
    }
}

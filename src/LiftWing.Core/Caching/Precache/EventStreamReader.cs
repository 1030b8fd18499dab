using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;

namespace LiftWing.Core.Caching.Precache;

/// <summary>
/// Reads events as JSON lines or as an EventStreams-style SSE stream (<c>id:</c>/<c>data:</c> lines, a blank
/// line ends an event, <c>:</c> lines are comments), detected line by line. From a URL it reconnects after a
/// drop, sending <c>Last-Event-ID</c> so the server resumes after the last event seen.
/// </summary>
public static class EventStreamReader
{
    /// <summary>Reads events from a text reader until it ends.</summary>
    public static async IAsyncEnumerable<StreamEvent> ReadAsync(TextReader reader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        string? id = null;
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Length > 0)
                {
                    yield return new StreamEvent(id, data.ToString());
                    data.Clear();
                }

                continue;
            }

            if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                if (data.Length > 0)
                {
                    data.Append('\n');
                }

                data.Append(Field(line, 5));
            }
            else if (line.StartsWith("id:", StringComparison.Ordinal))
            {
                id = Field(line, 3);
            }
            else if (line[0] == ':' || line.StartsWith("event:", StringComparison.Ordinal) || line.StartsWith("retry:", StringComparison.Ordinal))
            {
                // comment, event type or retry hint: nothing to do
            }
            else if (!string.IsNullOrWhiteSpace(line))
            {
                yield return new StreamEvent(null, line); // a JSON line
            }
        }

        if (data.Length > 0)
        {
            yield return new StreamEvent(id, data.ToString());
        }
    }

    /// <summary>
    /// Reads an SSE (or JSON lines) stream from a URL, reconnecting with <c>Last-Event-ID</c> after a drop or
    /// an end of stream, until cancelled. <paramref name="lastEventId"/> resumes a previous run.
    /// </summary>
    public static async IAsyncEnumerable<StreamEvent> ReadUrlAsync(HttpClient http, Uri url, string? lastEventId, TimeSpan reconnectDelay, Action<string>? onReconnect, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        while (!cancellationToken.IsCancellationRequested)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            if (lastEventId is not null)
            {
                request.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
            }

            HttpResponseMessage? response = null;
            TextReader? reader = null;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                response.EnsureSuccessStatusCode();
                reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), Encoding.UTF8);
            }
            catch (HttpRequestException ex)
            {
                response?.Dispose();
                onReconnect?.Invoke(ex.Message);
                await Task.Delay(reconnectDelay, cancellationToken).ConfigureAwait(false);
                continue;
            }

            using (response)
            using (reader)
            {
                await using var e = ReadAsync(reader, cancellationToken).GetAsyncEnumerator(cancellationToken);
                while (true)
                {
                    StreamEvent current;
                    try
                    {
                        if (!await e.MoveNextAsync().ConfigureAwait(false))
                        {
                            break;
                        }

                        current = e.Current;
                    }
                    catch (Exception ex) when (ex is IOException or HttpRequestException)
                    {
                        onReconnect?.Invoke(ex.Message);
                        break;
                    }

                    if (current.Id is not null)
                    {
                        lastEventId = current.Id;
                    }

                    yield return current;
                }
            }

            onReconnect?.Invoke($"stream ended; resuming after {lastEventId ?? "the start"}");
            await Task.Delay(reconnectDelay, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Field(string line, int start) =>
        line.Length > start && line[start] == ' ' ? line[(start + 1)..] : line[start..];
}

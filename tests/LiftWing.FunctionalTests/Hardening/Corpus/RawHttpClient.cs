using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace LiftWing.FunctionalTests.Hardening.Corpus;

/// <summary>
/// Sends a request byte for byte over a fresh TCP connection (so headers and framing can be anything) and
/// reads the response: status, body (Content-Length or chunked), and how long it took.
/// </summary>
internal static class RawHttpClient
{
    public sealed record RawResponse(int Status, string Head, byte[] Body, TimeSpan Elapsed, bool Closed);

    public static async Task<RawResponse> SendAsync(Uri server, CorpusCase c, TimeSpan timeout)
    {
        var sw = Stopwatch.StartNew();
        using var cts = new CancellationTokenSource(timeout);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port, cts.Token).ConfigureAwait(false);
        var stream = tcp.GetStream();
        var head = new StringBuilder(c.Head);
        head.Append("Host: ").Append(server.Authority).Append("\r\nConnection: close\r\n");
        if (!c.Framing)
        {
            head.Append("Content-Length: ").Append(c.Body.Length).Append("\r\n");
        }

        head.Append("\r\n");
        try
        {
            await stream.WriteAsync(Encoding.Latin1.GetBytes(head.ToString()), cts.Token).ConfigureAwait(false);
            await stream.WriteAsync(c.Body, cts.Token).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The server may answer (413, 400) and close before the whole body is written; read what it said.
        }

        var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var n = await stream.ReadAsync(chunk, cts.Token).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                buffer.Write(chunk, 0, n);
            }
        }
        catch (IOException)
        {
            // A reset after the response is fine; an empty buffer is reported as status 0.
        }

        return Parse(buffer.ToArray(), sw.Elapsed);
    }

    private static RawResponse Parse(byte[] raw, TimeSpan elapsed)
    {
        var end = raw.AsSpan().IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            return new RawResponse(0, Encoding.Latin1.GetString(raw), [], elapsed, true);
        }

        var head = Encoding.Latin1.GetString(raw, 0, end);
        var status = int.Parse(head.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
        var body = raw.AsSpan(end + 4).ToArray();
        if (head.Contains("transfer-encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Dechunk(body);
        }

        return new RawResponse(status, head, body, elapsed, true);
    }

    private static byte[] Dechunk(byte[] data)
    {
        var output = new MemoryStream();
        var i = 0;
        while (i < data.Length)
        {
            var lineEnd = data.AsSpan(i).IndexOf("\r\n"u8);
            if (lineEnd < 0)
            {
                break;
            }

            var size = Convert.ToInt32(Encoding.ASCII.GetString(data, i, lineEnd).Split(';')[0].Trim(), 16);
            i += lineEnd + 2;
            if (size == 0)
            {
                break;
            }

            output.Write(data, i, Math.Min(size, data.Length - i));
            i += size + 2;
        }

        return output.ToArray();
    }
}

using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace LiftWing.Server.Http.Rejections;

/// <summary>
/// A connection's output: a plain pass-through to the transport until Kestrel rejects a request
/// (<see cref="RejectionSlot"/>). From then on each flush is held back; a flushed head with a 4xx/5xx status and
/// <c>Content-Length: 0</c> (Kestrel's empty error response) is rewritten with the JSON error body; anything else
/// (a response the application already wrote) passes unchanged. A rejection ends the connection, so only its last
/// response is ever held.
/// </summary>
internal sealed class ErrorBodyPipeWriter(PipeWriter inner, RejectionSlot slot) : PipeWriter
{
    // Kestrel's error head is a few hundred bytes; anything larger is an application response and passes through.
    private const int MaxCapture = 16 * 1024;
    private static readonly byte[] s_emptyLength = "\r\nContent-Length: 0\r\n"u8.ToArray();

    private byte[] _capture = [];
    private int _captured;
    private bool _lastFromCapture;
    private bool _passThrough;

    private bool Capturing => !_passThrough && slot.Rejection is not null;

    public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

    public override long UnflushedBytes => inner.UnflushedBytes + _captured;

    public override Memory<byte> GetMemory(int sizeHint = 0)
    {
        _lastFromCapture = Capturing && EnsureCapture(sizeHint);
        return _lastFromCapture ? _capture.AsMemory(_captured) : inner.GetMemory(sizeHint);
    }

    public override Span<byte> GetSpan(int sizeHint = 0)
    {
        _lastFromCapture = Capturing && EnsureCapture(sizeHint);
        return _lastFromCapture ? _capture.AsSpan(_captured) : inner.GetSpan(sizeHint);
    }

    public override void Advance(int bytes)
    {
        if (_lastFromCapture)
        {
            _captured += bytes;
        }
        else
        {
            inner.Advance(bytes);
        }
    }

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        WriteCaptured();
        return inner.FlushAsync(cancellationToken);
    }

    public override ValueTask<FlushResult> WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default) =>
        _captured == 0 && !Capturing ? inner.WriteAsync(source, cancellationToken) : base.WriteAsync(source, cancellationToken);

    public override void CancelPendingFlush() => inner.CancelPendingFlush();

    public override void Complete(Exception? exception = null)
    {
        if (exception is null)
        {
            WriteCaptured();
        }

        inner.Complete(exception);
    }

    public override ValueTask CompleteAsync(Exception? exception = null)
    {
        if (exception is null)
        {
            WriteCaptured();
        }

        return inner.CompleteAsync(exception);
    }

    /// <summary>Makes room for <paramref name="sizeHint"/> more captured bytes; false (and pass-through from now on) past the cap.</summary>
    private bool EnsureCapture(int sizeHint)
    {
        var need = _captured + Math.Max(sizeHint, 512);
        if (need > MaxCapture)
        {
            WriteCaptured();
            _passThrough = true;
            return false;
        }

        if (need > _capture.Length)
        {
            Array.Resize(ref _capture, Math.Min(MaxCapture, Math.Max(need, _capture.Length * 2)));
        }

        return true;
    }

    private void WriteCaptured()
    {
        if (_captured == 0)
        {
            return;
        }

        var held = _capture.AsSpan(0, _captured);
        _captured = 0;
        if (slot.Rejection is { } rejection && Rewrite(held, rejection) is { } rewritten)
        {
            inner.Write(rewritten);
        }
        else
        {
            inner.Write(held);
        }
    }

    /// <summary>The head with the error body, or null when the bytes are not Kestrel's empty error response.</summary>
    internal static byte[]? Rewrite(ReadOnlySpan<byte> head, Rejection rejection)
    {
        if (rejection.IsHead || !head.EndsWith("\r\n\r\n"u8) || !head.StartsWith("HTTP/1."u8) || head.Length < 13
            || !int.TryParse(head.Slice(9, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var status) || status < 400)
        {
            return null;
        }

        var at = head.IndexOf(s_emptyLength);
        if (at < 0)
        {
            return null;
        }

        var body = ErrorResponses.Body(rejection.Path is { Length: > 0 } p && p[0] == '/' ? new PathString(p) : PathString.Empty, status, rejection.Message);
        var headers = Encoding.ASCII.GetBytes($"\r\nContent-Type: application/json\r\nContent-Length: {body.Length.ToString(CultureInfo.InvariantCulture)}\r\n");
        return [.. head[..at], .. headers, .. head[(at + s_emptyLength.Length)..], .. body];
    }
}

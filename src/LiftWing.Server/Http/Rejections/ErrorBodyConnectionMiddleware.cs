using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace LiftWing.Server.Http.Rejections;

/// <summary>
/// The connection middleware that gives Kestrel's own error responses (400 for a malformed request line or header,
/// 408 header timeout, 414, 431, 505) the JSON error body. HTTP/1 listeners only: HTTP/2 errors are frames, not bodies.
/// </summary>
internal static class ErrorBodyConnectionMiddleware
{
    public static ListenOptions UseKestrelErrorBodies(this ListenOptions listen)
    {
        ArgumentNullException.ThrowIfNull(listen);
        KestrelRejectionListener? listener = null;
        listen.Use(next => async connection =>
        {
            listener ??= listen.ApplicationServices.GetRequiredService<KestrelRejectionListener>();
            var slot = listener.Register(connection.ConnectionId);
            var transport = connection.Transport;
            var writer = new ErrorBodyPipeWriter(transport.Output, slot);
            connection.Transport = new DuplexPipe(transport.Input, writer);
            try
            {
                await next(connection).ConfigureAwait(false);
            }
            finally
            {
                connection.Transport = transport;
                listener.Unregister(connection.ConnectionId);
            }
        });
        return listen;
    }
}

using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace LiftWing.Server.Hosting;

/// <summary>
/// REST on the configured URLs plus gRPC on its own HTTP/2-only (h2c) port: without TLS there is no ALPN, so
/// cleartext HTTP/2 needs a port of its own (KServe uses 8081). Explicit listeners replace UseUrls, so the REST
/// URLs are turned into listeners here too.
/// </summary>
internal static class KestrelListeners
{
    public static void Configure(KestrelServerOptions kestrel, string urls, int grpcPort)
    {
        string? grpcHost = null;
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var address = BindingAddress.Parse(url);
            grpcHost ??= address.Host;
            Listen(kestrel, address.Host, address.Port, HttpProtocols.Http1AndHttp2);
        }

        Listen(kestrel, grpcHost ?? "127.0.0.1", grpcPort, HttpProtocols.Http2);
    }

    private static void Listen(KestrelServerOptions kestrel, string host, int port, HttpProtocols protocols)
    {
        if (host is "localhost")
        {
            kestrel.ListenLocalhost(port, o => o.Protocols = protocols);
        }
        else if (host is "*" or "+" or "0.0.0.0" or "[::]" or "::")
        {
            kestrel.ListenAnyIP(port, o => o.Protocols = protocols);
        }
        else
        {
            kestrel.Listen(IPAddress.Parse(host.Trim('[', ']')), port, o => o.Protocols = protocols);
        }
    }
}

using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace LiftWing.Server.Gateway;

/// <summary>The client's address: the connection's, or <c>X-Client-IP</c> when the connection comes from a trusted proxy.</summary>
internal sealed class ClientAddressResolver
{
    public const string HeaderName = "X-Client-IP";

    private readonly IPNetwork[] _trusted;

    public ClientAddressResolver(IOptions<GatewayOptions> options)
    {
        _trusted = [.. options.Value.TrustedProxies.Select(ParseNetwork)];
    }

    /// <summary>Parses an address or CIDR range.</summary>
    /// <exception cref="FormatException">Neither.</exception>
    public static IPNetwork ParseNetwork(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (IPNetwork.TryParse(text, out var net))
        {
            return net;
        }

        if (IPAddress.TryParse(text, out var ip))
        {
            return new IPNetwork(ip, ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        }

        throw new FormatException($"trusted proxy '{text}' is not an IP address or CIDR range.");
    }

    public IPAddress? Resolve(HttpContext context)
    {
        var remote = context.Connection.RemoteIpAddress;
        if (remote is null)
        {
            return null;
        }

        if (remote.IsIPv4MappedToIPv6)
        {
            remote = remote.MapToIPv4();
        }

        if (_trusted.Length > 0 && IsTrusted(remote)
            && context.Request.Headers.TryGetValue(HeaderName, out var header)
            && IPAddress.TryParse(header.ToString().Trim(), out var forwarded))
        {
            return forwarded.IsIPv4MappedToIPv6 ? forwarded.MapToIPv4() : forwarded;
        }

        return remote;
    }

    private bool IsTrusted(IPAddress address)
    {
        foreach (var net in _trusted)
        {
            if (net.Contains(address))
            {
                return true;
            }
        }

        return false;
    }
}

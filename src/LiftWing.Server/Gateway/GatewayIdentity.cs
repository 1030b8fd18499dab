using System.Net;

namespace LiftWing.Server.Gateway;

/// <summary>Who a request is, as the gateway sees it: rate-limit class, counter key, user, client, admin.</summary>
/// <param name="Class">The rate-limit class (<c>anon</c>, <c>authed-user</c>, or a token's <c>rlc</c>).</param>
/// <param name="Subject">The token's <c>sub</c>, if any.</param>
/// <param name="ClientId">The token's <c>aud</c> (the OAuth client), if any.</param>
/// <param name="IsAdmin">Whether the request carries an admin credential.</param>
/// <param name="IsLoopback">Whether the client address is loopback.</param>
/// <param name="Address">The client address, if known.</param>
internal sealed record GatewayIdentity(string Class, string? Subject, string? ClientId, bool IsAdmin, bool IsLoopback, IPAddress? Address)
{
    /// <summary>
    /// The counter key: <c>jwt-sub:SUB</c> or <c>x-client-ip:IP</c>. Built on first use: only requests a rate limit
    /// covers need it (not loopback traffic, not routes without limits).
    /// </summary>
    public string UserKey => field ??= !string.IsNullOrEmpty(Subject) ? "jwt-sub:" + Subject : "x-client-ip:" + (Address?.ToString() ?? "unknown");
}

using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;

namespace LiftWing.Server.Http;

/// <summary>
/// The request headers a model may read (cache control, user agent, content type, client address), copied out of the
/// HTTP request into four fields: one small object per request where a dictionary took four, and nothing of the
/// <see cref="HttpContext"/> is kept (the snapshot outlives the request where a batch or an event holds it). Names are
/// case-insensitive; a header the request did not send is absent.
/// </summary>
internal sealed class ForwardedHeaders : IReadOnlyDictionary<string, string>
{
    private const string CacheControl = "cache-control";
    private const string UserAgent = "user-agent";
    private const string ContentType = "content-type";
    private const string ClientIp = "x-client-ip";

    private readonly string? _cacheControl;
    private readonly string? _userAgent;
    private readonly string? _contentType;
    private readonly string? _clientIp;

    public ForwardedHeaders(IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        _cacheControl = Read(headers, CacheControl);
        _userAgent = Read(headers, UserAgent);
        _contentType = Read(headers, ContentType);
        _clientIp = Read(headers, ClientIp);
    }

    public int Count => (_cacheControl is null ? 0 : 1) + (_userAgent is null ? 0 : 1) + (_contentType is null ? 0 : 1) + (_clientIp is null ? 0 : 1);

    public IEnumerable<string> Keys
    {
        get
        {
            foreach (var kv in this)
            {
                yield return kv.Key;
            }
        }
    }

    public IEnumerable<string> Values
    {
        get
        {
            foreach (var kv in this)
            {
                yield return kv.Value;
            }
        }
    }

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The header '{key}' is not forwarded.");

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        value = key.Equals(CacheControl, StringComparison.OrdinalIgnoreCase) ? _cacheControl
            : key.Equals(UserAgent, StringComparison.OrdinalIgnoreCase) ? _userAgent
            : key.Equals(ContentType, StringComparison.OrdinalIgnoreCase) ? _contentType
            : key.Equals(ClientIp, StringComparison.OrdinalIgnoreCase) ? _clientIp
            : null;
        return value is not null;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        if (_cacheControl is not null)
        {
            yield return new(CacheControl, _cacheControl);
        }

        if (_userAgent is not null)
        {
            yield return new(UserAgent, _userAgent);
        }

        if (_contentType is not null)
        {
            yield return new(ContentType, _contentType);
        }

        if (_clientIp is not null)
        {
            yield return new(ClientIp, _clientIp);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static string? Read(IHeaderDictionary headers, string name) =>
        headers.TryGetValue(name, out var value) ? value.ToString() : null;
}

using System.Net;
using System.Net.Sockets;
using LiftWing.Core.Errors;

namespace LiftWing.Models.LogoDetection;

/// <summary>
/// Downloads an image for a <c>url</c> instance, safely: the scheme and host must be allow-listed, every address
/// the name resolves to is checked at connect time (so DNS cannot point an allowed name at a private address),
/// redirects are followed by hand and only to allowed hosts, the body is streamed with a byte cap (a missing
/// or lying Content-Length does not help), and the whole download has a timeout. Every failure is a 400 naming the URL.
/// </summary>
internal sealed class ImageUrlFetcher : IDisposable
{
    private readonly ImageUrlOptions _options;
    private readonly long _maxBytes;
    private readonly HttpClient _http;
    private readonly HashSet<string> _hosts;

    /// <summary>The <see cref="IHttpClientFactory"/> client name; its primary handler is <see cref="CreateHandler"/>.</summary>
    public const string HttpClientName = "logo-images";

    // Which hosts this fetcher allows travels with each request, so one guarded handler serves every model.
    private static readonly HttpRequestOptionsKey<HashSet<string>> s_allowedHosts = new("LiftWing.AllowedImageHosts");

    /// <summary>Creates the fetcher over a client whose primary handler is <see cref="CreateHandler"/> (the composition root's).</summary>
    public ImageUrlFetcher(ImageUrlOptions options, long maxBytes, HttpClient http)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _maxBytes = maxBytes;
        _hosts = new HashSet<string>(options.AllowedHosts, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The guarded socket handler: no automatic redirects, cookies, proxy or decompression, and every address a name
    /// resolves to is checked at connect time against the private ranges (unless the request's allow-list names it).
    /// </summary>
    public static SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        UseProxy = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        ConnectCallback = ConnectAsync,
    };

    /// <summary>Whether URL instances are enabled at all.</summary>
    public bool Enabled => _hosts.Count > 0;

    /// <summary>Fetches the bytes at <paramref name="url"/>, or throws <see cref="InvalidInputException"/>.</summary>
    public async Task<byte[]> FetchAsync(string url, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
        var current = Check(url, url);
        try
        {
            for (var hop = 0; ; hop++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, current);
                request.Headers.UserAgent.ParseAdd("LiftWing-logo-detection/1");
                request.Options.Set(s_allowedHosts, _hosts);
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    if (hop >= _options.MaxRedirects)
                    {
                        throw Error(url, $"more than {_options.MaxRedirects} redirects.");
                    }

                    current = Check(url, new Uri(current, location).ToString());
                    continue;
                }

                if (!response.IsSuccessStatusCode)
                {
                    throw Error(url, $"the server answered {(int)response.StatusCode} {response.ReasonPhrase}.");
                }

                if (response.Content.Headers.ContentLength > _maxBytes)
                {
                    throw TooLarge(url);
                }

                return await ReadCappedAsync(url, response, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Error(url, $"timed out after {_options.TimeoutSeconds} s.");
        }
        catch (HttpRequestException ex)
        {
            throw Error(url, ex.InnerException is RefusedAddressException refused ? refused.Message : ex.Message);
        }
    }

    private async Task<byte[]> ReadCappedAsync(string url, HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > _maxBytes)
            {
                throw TooLarge(url);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private Uri Check(string original, string candidate)
    {
        if (!Uri.TryCreate(candidate, UriKind.Absolute, out var uri))
        {
            throw Error(original, $"'{candidate}' is not an absolute URL.");
        }

        if (!_options.AllowedSchemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase))
        {
            throw Error(original, $"scheme '{uri.Scheme}' is not allowed (allowed: {string.Join(", ", _options.AllowedSchemes)}).");
        }

        if (!_hosts.Contains(uri.IdnHost))
        {
            throw Error(original, $"host '{uri.IdnHost}' is not in the allow-list ({string.Join(", ", _options.AllowedHosts)}).");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            throw Error(original, "credentials in URLs are not allowed.");
        }

        return uri;
    }

    // Resolves and connects, refusing private addresses unless the allow-list names that address literally.
    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var hosts = context.InitialRequestMessage.Options.TryGetValue(s_allowedHosts, out var h) ? h : [];
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, ct).ConfigureAwait(false);
        var allowed = addresses.Where(a => !PrivateAddress.IsPrivate(a) || hosts.Contains(a.ToString())).ToArray();
        if (allowed.Length == 0)
        {
            throw new RefusedAddressException($"'{host}' resolves to a private or loopback address ({string.Join(", ", addresses.Select(a => a.ToString()))}), which is not fetched.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private InvalidInputException TooLarge(string url) =>
        new($"Image: {url}                 exceeds the maximum allowed size of {_maxBytes} bytes.");

    private static InvalidInputException Error(string url, string reason) =>
        new($"Error downloading image from {url}: {reason}");

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private sealed class RefusedAddressException(string message) : IOException(message);
}

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiftWing.Server.Gateway;

/// <summary>Fetches the configured JWKS URL at start and every refresh interval; a failed fetch keeps the last keys.</summary>
internal sealed partial class JwksRefreshService(IOptions<GatewayOptions> options, JwtKeySource keys, IHttpClientFactory httpClients, TimeProvider time, ILogger<JwksRefreshService> logger) : BackgroundService
{
    /// <summary>The named client of the JWKS fetch (10 s per fetch).</summary>
    public const string HttpClientName = "jwks";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var jwt = options.Value.Jwt;
        if (jwt.JwksUrl is not { } url)
        {
            return;
        }

        using var http = httpClients.CreateClient(HttpClientName);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var json = await http.GetStringAsync(url, stoppingToken).ConfigureAwait(false);
                var fetched = JwtKeySource.ParseJwks(json, url.ToString());
                keys.SetFetched(fetched);
                LogFetched(logger, url, fetched.Count);
            }
            catch (Exception ex) when (ex is HttpRequestException or InvalidDataException or TaskCanceledException && !stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, url, ex.Message);
            }

            await Task.Delay(jwt.JwksRefresh, time, stoppingToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 1402, Level = LogLevel.Information, Message = "JWKS {Url}: {Count} signing keys")]
    private static partial void LogFetched(ILogger logger, Uri url, int count);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Warning, Message = "JWKS {Url} could not be fetched ({Reason}); keeping the previous keys")]
    private static partial void LogFailed(ILogger logger, Uri url, string reason);
}

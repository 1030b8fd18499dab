using LiftWing.Cli.LoadTest;

#pragma warning disable IDE0130 // DI extensions live in the DI namespace, as in YARP.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>The load generator's HTTP client, from <see cref="IHttpClientFactory"/>.</summary>
internal static class LoadTestServiceCollectionExtensions
{
    /// <summary>The named client of <see cref="AddLoadTestClient"/>.</summary>
    public const string HttpClientName = "loadtest";

    /// <summary>
    /// A client for one run: a connection per worker, kept for the whole run (no handler rotation), HTTP/1.1, no cookies,
    /// no redirects, and no logging handlers, which would be measured with the server.
    /// </summary>
    public static IServiceCollection AddLoadTestClient(this IServiceCollection services, LoadTestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddHttpClient(HttpClientName, c =>
            {
                c.Timeout = options.RequestTimeout;
                c.DefaultRequestVersion = new Version(1, 1);
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                MaxConnectionsPerServer = options.Concurrency,
                PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
                UseCookies = false,
                AllowAutoRedirect = false,
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();
        return services;
    }
}

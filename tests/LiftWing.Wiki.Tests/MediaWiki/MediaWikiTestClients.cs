using LiftWing.Wiki.MediaWiki;
using Microsoft.Extensions.DependencyInjection;

namespace LiftWing.Wiki.Tests.MediaWiki;

/// <summary>
/// The named MediaWiki clients as <c>AddMediaWiki()</c> builds them (retries, timeouts and breaker in their resilience
/// pipelines), from a service provider of their own so that no breaker state leaks between tests.
/// </summary>
internal sealed class MediaWikiTestClients : IDisposable
{
    private readonly ServiceProvider _services;

    public MediaWikiTestClients()
    {
        _services = new ServiceCollection().AddMediaWiki().BuildServiceProvider();
        var factory = _services.GetRequiredService<IHttpClientFactory>();
        Action = factory.CreateClient(WikiSources.ActionApiClient);
        Rest = factory.CreateClient(WikiSources.RestApiClient);
        Sources = _services.GetRequiredService<WikiSources>();
    }

    /// <summary>The source builder models use.</summary>
    public WikiSources Sources { get; }

    /// <summary>The Action API client.</summary>
    public HttpClient Action { get; }

    /// <summary>The REST API client.</summary>
    public HttpClient Rest { get; }

    public void Dispose()
    {
        Action.Dispose();
        Rest.Dispose();
        _services.Dispose();
    }
}

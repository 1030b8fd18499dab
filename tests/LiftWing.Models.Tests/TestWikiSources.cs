using LiftWing.Wiki.MediaWiki;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LiftWing.Models.Tests;

/// <summary>The real <c>AddMediaWiki()</c> composition, with optional deployment settings (<c>LiftWing:Wiki:*</c> keys).</summary>
internal static class TestWikiSources
{
    public static WikiSources Create(IDictionary<string, string?>? settings = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build());
        services.AddMediaWiki();
        return services.BuildServiceProvider().GetRequiredService<WikiSources>();
    }
}

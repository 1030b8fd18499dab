using LiftWing.Core.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiftWing.Cli.Commands;

/// <summary>
/// The composition root of the verbs that run models in process (list, pull, predict, precache, cache): the same
/// configuration tree and registrations as <c>serve</c>, without HTTP.
/// </summary>
internal static class InProcessServices
{
    public static ServiceProvider Build(IEnumerable<KeyValuePair<string, string?>> configuration, LogLevel logLevel = LogLevel.Warning, bool cache = false)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(LiftWingConfiguration.Build(configuration));
        services.AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(logLevel));
        services.AddLiftWingCore();
        services.AddLiftWingModels();
        if (cache)
        {
            services.AddLiftWingPredictionCache();
        }

        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }
}

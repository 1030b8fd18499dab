using LiftWing.Core.Repository;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiftWing.Cli.Commands;

/// <summary>The data plane without HTTP, for commands that run models in process (list, pull, predict, precache).</summary>
internal static class InProcessServices
{
    public static ServiceProvider Build(string modelsDirectory, IEnumerable<string>? only = null, LogLevel logLevel = LogLevel.Warning, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(logLevel));
        services.AddLiftWingCore();
        services.AddLiftWingModels();
        services.Configure<ModelRepositoryOptions>(o =>
        {
            o.ModelsDirectory = modelsDirectory;
            foreach (var m in only ?? [])
            {
                o.Only.Add(m);
            }
        });
        configure?.Invoke(services);

        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }
}

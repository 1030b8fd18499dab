using LiftWing.Core.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiftWing.Server;

/// <summary>The composition root of the web host; used by <c>liftwing serve</c>, the functional tests and the benchmarks.</summary>
public static class LiftWingHost
{
    /// <summary>Creates a configured, not yet started, web application. Invalid options stop <c>StartAsync</c>, naming the keys.</summary>
    public static WebApplication Build(LiftWingHostSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        // One tree, one precedence order (LiftWingConfiguration): replace the host's default sources.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddLiftWingSources(settings.Configuration);
        builder.Logging.ClearProviders();
        if (settings.ConsoleLogging)
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
                o.IncludeScopes = false;
            });
        }

        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // While this category is enabled at any level, hosting starts an Activity and a logging scope for every request
        // (for log correlation nothing here reads); its request start/finish lines are Information anyway. Errors on the
        // request path are logged by LiftWingExceptionHandler, with the request id.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        builder.Services.AddLiftWingServer();
        settings.ConfigureServices?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapLiftWing();
        return app;
    }
}

using LiftWing.Core.Artifacts;
using LiftWing.Core.Repository;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiftWing.Server;

/// <summary>Builds the LiftWing web host; used by <c>liftwing serve</c> and by the functional tests.</summary>
public static class LiftWingHost
{
    /// <summary>Creates a configured, not yet started, web application.</summary>
    public static WebApplication Build(LiftWingHostSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = settings.Args ?? [] });
        builder.Configuration.AddInMemoryCollection(settings.Configuration);
        // The admin plane may have its own listener (LiftWing:Admin:Port); admin routes then answer only there.
        builder.WebHost.UseUrls(builder.Configuration["LiftWing:Admin:Port"] is { Length: > 0 } adminPort
            ? $"{settings.Urls};http://{builder.Configuration["LiftWing:Admin:Host"] ?? "127.0.0.1"}:{adminPort}"
            : settings.Urls);
        builder.WebHost.ConfigureKestrel(k =>
        {
            // The per-request limit is applied when the body is read; this is the hard ceiling.
            k.Limits.MaxRequestBodySize = settings.MaxRequestBodyBytes;
            k.AddServerHeader = false;
        });
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

        builder.Logging.SetMinimumLevel(settings.MinimumLogLevel);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddLiftWingServer();
        builder.Services.Configure<ModelRepositoryOptions>(o =>
        {
            o.ModelsDirectory = settings.ModelsDirectory;
            foreach (var m in settings.Only)
            {
                o.Only.Add(m);
            }
        });
        if (settings.ArtifactCacheDirectory is not null)
        {
            builder.Services.Configure<ArtifactStoreOptions>(o => o.CacheDirectory = settings.ArtifactCacheDirectory);
        }

        settings.ConfigureServices?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapLiftWing();
        return app;
    }
}

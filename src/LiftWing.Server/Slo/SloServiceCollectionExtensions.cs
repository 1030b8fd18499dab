using LiftWing.Server.Slo;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

#pragma warning disable IDE0130 // DI extensions live in the DI namespace, as in YARP.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary><c>AddLiftWingSlo()</c> / <c>UseLiftWingSlo()</c>: objectives from <c>LiftWing:Slo</c>, the edge recorder, <c>/slo</c>, <c>/dashboard</c>.</summary>
internal static class SloServiceCollectionExtensions
{
    /// <summary>Binds and validates <see cref="SloOptions"/> and registers the recorder, store, flusher and reporter.</summary>
    public static IServiceCollection AddLiftWingSlo(this IServiceCollection services)
    {
        services.AddOptions<SloOptions>().BindConfiguration(SloOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SloOptions>, SloOptionsValidator>());
        services.TryAddSingleton<SloRecorder>();
        services.TryAddSingleton<SloStore>();
        services.TryAddSingleton<SloFlusher>();
        services.AddHostedService(static sp => sp.GetRequiredService<SloFlusher>());
        services.TryAddSingleton<SloReporter>();
        return services;
    }

    /// <summary>Adds the edge middleware (call first, so that it sees every final status and byte) and maps the endpoints.</summary>
    public static WebApplication UseLiftWingSlo(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetRequiredService<IOptions<SloOptions>>().Value.Enabled)
        {
            app.UseMiddleware<SloEdgeMiddleware>();
        }

        SloEndpoints.Map(app);
        return app;
    }
}

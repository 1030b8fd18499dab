using LiftWing.Core.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

#pragma warning disable IDE0130 // DI extensions live in the DI namespace, as in YARP.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary><c>AddLiftWingOptions&lt;T&gt;(section)</c>: bind from the configuration tree, validate at start naming keys.</summary>
public static class LiftWingOptionsExtensions
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> from <paramref name="section"/> and validates it at start-up (data annotations
    /// and <see cref="System.ComponentModel.DataAnnotations.IValidatableObject"/>), every error naming its key.
    /// </summary>
    public static OptionsBuilder<TOptions> AddLiftWingOptions<TOptions>(this IServiceCollection services, string section)
        where TOptions : class
    {
        // Hosts register the configuration tree first; a bare service collection (tests) binds from an empty one.
        services.TryAddSingleton<IConfiguration>(static _ => new ConfigurationBuilder().Build());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>>(new KeyedOptionsValidator<TOptions>(section)));
        return services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
    }
}

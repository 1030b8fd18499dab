using Microsoft.Extensions.Configuration;

namespace LiftWing.Server.Slo;

/// <summary>Reads and validates <see cref="SloOptions"/> outside a host (for <c>liftwing slo</c>), exactly as the server does.</summary>
public static class SloConfiguration
{
    /// <summary>Binds the <c>LiftWing:Slo</c> section; the errors are the start-up validation's messages (empty when valid).</summary>
    public static (SloOptions Options, IReadOnlyList<string> Errors) Load(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new SloOptions();
        try
        {
            configuration.GetSection(SloOptions.Section).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            return (options, [e.Message]);
        }

        var result = new SloOptionsValidator().Validate(null, options);
        return (options, result.Failed ? result.Failures.ToList() : []);
    }
}

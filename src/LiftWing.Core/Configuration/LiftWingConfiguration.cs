using Microsoft.Extensions.Configuration;

namespace LiftWing.Core.Configuration;

/// <summary>
/// The one configuration tree. Every setting has a key under <c>LiftWing:</c>; sources, lowest precedence first:
/// <list type="number">
/// <item>the options classes' defaults;</item>
/// <item><c>appsettings.json</c> in the working folder (optional);</item>
/// <item>Lift Wing's environment names (<c>WIKI_URL</c>, <c>MODEL_NAME</c>, …), mapped by <see cref="LiftWingEnvironment"/>;</item>
/// <item>environment variables spelled as keys: <c>LIFTWING__SERVER__PORT</c> is <c>LiftWing:Server:Port</c>;</item>
/// <item>overrides: the CLI's options, mapped onto the same keys (and test settings).</item>
/// </list>
/// A model's own settings come from its <c>model.yaml</c>; where the deployment sets the same thing (the wiki endpoint),
/// the deployment wins, see <c>docs/architecture.md</c>.
/// </summary>
public static class LiftWingConfiguration
{
    /// <summary>The root section.</summary>
    public const string Root = "LiftWing";

    /// <summary>HTTP server settings (<c>LiftWingServerOptions</c>).</summary>
    public const string Server = "LiftWing:Server";

    /// <summary>Connection and body limits (<c>RequestLimitsOptions</c>).</summary>
    public const string Limits = "LiftWing:Limits";

    /// <summary>Process memory: heap limit and idle trimming (<c>MemoryOptions</c>).</summary>
    public const string Memory = "LiftWing:Memory";

    /// <summary>The model repository (<c>ModelRepositoryOptions</c>).</summary>
    public const string Models = "LiftWing:Models";

    /// <summary>The artifact store (<c>ArtifactStoreOptions</c>).</summary>
    public const string Artifacts = "LiftWing:Artifacts";

    /// <summary>The data plane (<c>InferenceOptions</c>).</summary>
    public const string Inference = "LiftWing:Inference";

    /// <summary>The prediction cache (<c>PredictionCacheOptions</c>).</summary>
    public const string Cache = "LiftWing:Cache";

    /// <summary>
    /// Model options from the deployment, over model.yaml's <c>options:</c> (same snake_case keys):
    /// <c>LiftWing:ModelOptions:Defaults:KEY</c> for every model that has KEY, <c>LiftWing:ModelOptions:NAME:KEY</c> for one.
    /// </summary>
    public const string ModelOptions = "LiftWing:ModelOptions";

    /// <summary>The <see cref="ModelOptions"/> sub-section that applies to every model.</summary>
    public const string AllModels = "Defaults";

    /// <summary>Wiki access for every model (<c>MediaWikiOptions</c>).</summary>
    public const string Wiki = "LiftWing:Wiki";

    /// <summary>
    /// Adds LiftWing's sources in precedence order. <paramref name="overrides"/> (keys as above, or Lift Wing's
    /// environment names) win over everything else.
    /// </summary>
    public static IConfigurationBuilder AddLiftWingSources(this IConfigurationBuilder builder, IEnumerable<KeyValuePair<string, string?>>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddJsonFile(Path.Combine(Environment.CurrentDirectory, "appsettings.json"), optional: true, reloadOnChange: false);
        builder.AddInMemoryCollection(LiftWingEnvironment.Map(Environment.GetEnvironmentVariables()));
        builder.AddEnvironmentVariables();
        if (overrides is not null)
        {
            builder.AddInMemoryCollection(LiftWingEnvironment.MapOverrides(overrides));
        }

        return builder;
    }

    /// <summary>Builds the configuration on its own (for the CLI verbs that run without a web host).</summary>
    public static IConfigurationRoot Build(IEnumerable<KeyValuePair<string, string?>>? overrides = null) =>
        new ConfigurationBuilder().AddLiftWingSources(overrides).Build();
}

using System.Reflection;

namespace LiftWing.Server.Protocols;

/// <summary>
/// What V2 server metadata (REST and gRPC) reports. KServe clients read KServe's answer there
/// (<c>{"name": "kserve", "version": &lt;kserve version&gt;, "extensions": ["model_repository_extension"]}</c>), so the
/// server names the KServe release whose protocol it follows; LiftWing's own build is <see cref="LiftWingVersion"/>.
/// </summary>
internal static class ServerIdentity
{
    public const string Name = "kserve";

    /// <summary>The newest KServe Lift Wing runs (revertrisk's model servers).</summary>
    public const string Version = "0.15.2";

    /// <summary>KServe's name for the model repository extension.</summary>
    public const string RepositoryExtension = "model_repository_extension";

    /// <summary>This build of LiftWing (the <c>x-liftwing-version</c> header of <c>GET /v2</c>).</summary>
    public static readonly string LiftWingVersion =
        typeof(ServerIdentity).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";
}

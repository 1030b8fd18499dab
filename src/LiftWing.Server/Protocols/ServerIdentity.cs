using System.Reflection;

namespace LiftWing.Server.Protocols;

/// <summary>The name and version the server reports in V2 server metadata (REST and gRPC).</summary>
internal static class ServerIdentity
{
    public const string Name = "liftwing";

    public static readonly string Version =
        typeof(ServerIdentity).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";
}

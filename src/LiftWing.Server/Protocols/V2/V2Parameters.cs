namespace LiftWing.Server.Protocols.V2;

/// <summary>Reads V2 parameters.</summary>
internal static class V2Parameters
{
    /// <summary>Whether a parameter is the boolean true.</summary>
    public static bool IsTrue(IReadOnlyDictionary<string, object?>? parameters, string name) =>
        parameters is not null && parameters.TryGetValue(name, out var v) && v is true;
}

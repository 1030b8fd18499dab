namespace LiftWing.Server.Protocols.Ores;

/// <summary>Where a catalogue model's scores come from.</summary>
internal enum OresBackendKind
{
    /// <summary>The default: in process when this process serves a model named <c>{context}-{model}</c>, else upstream.</summary>
    Auto,

    /// <summary>An upstream Lift Wing revscoring isvc, called over HTTP.</summary>
    Upstream,

    /// <summary>A model served by this process.</summary>
    LiftWing,

    /// <summary>No backend: every score is the missing-isvc error.</summary>
    None,
}

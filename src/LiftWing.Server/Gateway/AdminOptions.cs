namespace LiftWing.Server.Gateway;

/// <summary>The admin plane (<c>LiftWing:Admin</c>): who may load, unload, list artifacts and scrape metrics.</summary>
internal sealed class AdminOptions
{
    /// <summary>Admin keys, presented as <c>Authorization: Bearer KEY</c>.</summary>
    public IList<string> Keys { get; } = [];

    /// <summary>A file with one admin key per line (blank lines and <c>#</c> comments ignored).</summary>
    public string? KeyFile { get; set; }

    /// <summary>A separate port for the admin plane; when set, admin routes answer only there.</summary>
    public int? Port { get; set; }

    /// <summary>The address the admin port listens on. The default is 127.0.0.1.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Whether <c>/metrics</c> is an admin route. The default is true.</summary>
    public bool ProtectMetrics { get; set; } = true;

    /// <summary>The shortest admin key accepted. The default is 16 characters.</summary>
    public int MinKeyLength { get; set; } = 16;
}

namespace LiftWing.Server.Hosting;

/// <summary>Whether start-up model loading has finished (for V2 server readiness).</summary>
internal sealed class StartupState
{
    private volatile bool _loadingFinished;

    /// <summary>True once every model found at start-up has finished loading (ready or failed).</summary>
    public bool LoadingFinished => _loadingFinished;

    internal void MarkLoaded() => _loadingFinished = true;
}

namespace LiftWing.Server.Hosting;

/// <summary>Whether start-up model loading has finished (for V2 server readiness).</summary>
internal sealed class StartupState
{
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>True once every model found at start-up has finished loading (ready or failed).</summary>
    public bool LoadingFinished => _loaded.Task.IsCompleted;

    /// <summary>Completes when <see cref="LoadingFinished"/> becomes true (the memory trimmer waits for it).</summary>
    public Task WhenLoaded => _loaded.Task;

    internal void MarkLoaded() => _loaded.TrySetResult();
}

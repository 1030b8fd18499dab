using System.Collections.Concurrent;
using System.Diagnostics;
using LiftWing.Core.Artifacts;
using LiftWing.Core.Errors;
using LiftWing.Core.Models;
using LiftWing.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LiftWing.Core.Repository;

/// <summary>
/// The models this process serves: loads them from model.yaml folders, and loads, unloads and reloads them
/// on request. A model that fails to load is kept as failed with its reason; the others still serve.
/// </summary>
public sealed partial class ModelRepository : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, IModel> _models = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<IModel, ModelLeaseCounter> _leases = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, IModelServer> _servers;
    private readonly ArtifactStore _artifacts;
    private readonly IServiceProvider _services;
    private readonly ModelRepositoryOptions _options;
    private readonly LiftWingMetrics? _metrics;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _mutate = new(1, 1);

    // Unloaded models are out of _models (404 as in KServe); their definitions stay here for a later load.
    private readonly ConcurrentDictionary<string, ModelConfig> _unloaded = new(StringComparer.Ordinal);

    /// <summary>Creates the repository.</summary>
    public ModelRepository(
        IEnumerable<IModelServer> servers,
        ArtifactStore artifacts,
        IServiceProvider services,
        IOptions<ModelRepositoryOptions> options,
        LiftWingMetrics? metrics = null,
        ILogger<ModelRepository>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(servers);
        _servers = servers.ToDictionary(s => s.ServerType, StringComparer.Ordinal);
        _artifacts = artifacts;
        _services = services;
        _options = options?.Value ?? new ModelRepositoryOptions();
        _metrics = metrics;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>The known server types.</summary>
    public IReadOnlyCollection<string> ServerTypes => _servers.Keys;

    /// <summary>Every model, loaded or not, sorted by name.</summary>
    public IReadOnlyList<IModel> Models => _models.Values.OrderBy(m => m.Config.Name, StringComparer.Ordinal).ToList();

    /// <summary>The definitions of models unloaded through <see cref="UnloadAsync"/> and not loaded again.</summary>
    public IReadOnlyList<ModelConfig> Unloaded => [.. _unloaded.Values];

    /// <summary>Finds a model by name.</summary>
    public bool TryGet(string name, out IModel model) => _models.TryGetValue(name, out model!);

    /// <summary>Returns a ready model, or throws 404 / 503.</summary>
    public IModel GetReady(string name)
    {
        if (!_models.TryGetValue(name, out var model))
        {
            throw new ModelNotFoundException(name);
        }

        return model.State.IsReady ? model : throw new ModelNotReadyException(name);
    }

    /// <summary>
    /// Leases the ready instance of a model for one request, or throws 404 / 503. The instance is not
    /// disposed while the lease is held; a reload in between hands later requests the new instance.
    /// </summary>
    public ModelLease Acquire(string name)
    {
        while (true)
        {
            var model = GetReady(name);
            var counter = _leases.GetOrAdd(model, static _ => new ModelLeaseCounter());
            if (counter.TryEnter())
            {
                if (_models.TryGetValue(name, out var current) && ReferenceEquals(current, model))
                {
                    return new ModelLease(model, counter);
                }

                counter.Exit();
            }
            else if (!_models.TryGetValue(name, out var current))
            {
                // Unloaded in between: gone, as KServe's unload deletes the model.
                throw new ModelNotFoundException(name);
            }
            else if (ReferenceEquals(current, model))
            {
                // Closed and still registered: the instance is being retired.
                throw new ModelNotReadyException(name);
            }

            // Replaced by a reload in between: lease the new instance.
        }
    }

    /// <summary>True when every model is ready (V2 server readiness).</summary>
    public bool AllReady => _models.Values.All(m => m.State.IsReady);

    /// <summary>Reads every model.yaml under the models folder and loads the models concurrently.</summary>
    public async Task LoadFromDirectoryAsync(CancellationToken cancellationToken)
    {
        var configs = new List<ModelConfig>();
        foreach (var path in ModelConfigLoader.Discover(_options.ModelsDirectory))
        {
            try
            {
                var config = ModelConfigLoader.Load(path);
                if (_options.Only.Count == 0 || _options.Only.Contains(config.Name))
                {
                    configs.Add(config);
                }
            }
            catch (InvalidDataException ex)
            {
                var name = Path.GetFileName(Path.GetDirectoryName(path))!;
                LogConfigInvalid(_logger, path, ex.Message);
                if (_options.Only.Count == 0 || _options.Only.Contains(name))
                {
                    _models[name] = new FailedModel(new ModelConfig { Name = name, Server = "?", Directory = Path.GetDirectoryName(path)! }, ex.Message);
                }
            }
        }

        // Two folders defining one name would silently replace each other: refuse both, with the reason.
        foreach (var group in configs.GroupBy(c => c.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).ToList())
        {
            var reason = $"duplicate model name '{group.Key}': defined in {string.Join(" and ", group.Select(c => Path.GetFileName(c.Directory) + "/model.yaml"))}; give each model a unique name";
            LogLoadFailed(_logger, group.Key, reason);
            configs.RemoveAll(c => c.Name == group.Key);
            _models[group.Key] = new FailedModel(group.First(), reason);
        }

        // Each load runs on the thread pool: most models load synchronously (session creation is CPU work), so
        // awaiting AddAsync directly ran them one after another on this thread.
        using var gate = new SemaphoreSlim(_options.LoadConcurrency > 0 ? _options.LoadConcurrency : Environment.ProcessorCount);
        await Task.WhenAll(configs.Select(async c =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await Task.Run(() => AddAsync(c, cancellationToken), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);
    }

    /// <summary>Creates and loads a model from its definition; a failure leaves it listed as failed.</summary>
    public async Task<IModel> AddAsync(ModelConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        IModel model;
        if (!_servers.TryGetValue(config.Server, out var server))
        {
            model = new FailedModel(config, UnknownServer(config));
            LogLoadFailed(_logger, config.Name, model.State.Reason!);
            _models[config.Name] = model;
            return model;
        }

        try
        {
            model = server.Create(config, _services);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            model = new FailedModel(config, ex.Message);
            LogLoadFailed(_logger, config.Name, ex.Message);
            _models[config.Name] = model;
            return model;
        }

        _models[config.Name] = model;
        await LoadModelAsync(model, cancellationToken).ConfigureAwait(false);
        return model;
    }

    /// <summary>Registers a model instance (already loaded or not) under its name, replacing any other.</summary>
    public void Register(IModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        _models[model.Config.Name] = model;
    }

    /// <summary>
    /// Loads (or reloads) a model by name from its definition. A reload builds the new instance beside the
    /// old one, which keeps serving; the new one replaces it atomically once ready, and the old one is disposed
    /// when its running requests end. A failed reload of a ready model leaves the old instance serving.
    /// </summary>
    public async Task<IModel> LoadAsync(string name, CancellationToken cancellationToken)
    {
        if (_options.Only.Count > 0 && !_options.Only.Contains(name))
        {
            // --only: the other models do not exist for this process.
            throw new ModelNotFoundException(name);
        }

        await _mutate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _models.TryGetValue(name, out var existing);
            _unloaded.TryGetValue(name, out var unloaded);
            // Re-read the definition so a reload picks up an edited (or repaired) model.yaml.
            var path = Path.Combine((existing?.Config ?? unloaded)?.Directory ?? Path.Combine(_options.ModelsDirectory, name), "model.yaml");
            ModelConfig config;
            if (File.Exists(path))
            {
                try
                {
                    config = ModelConfigLoader.Load(path);
                }
                catch (InvalidDataException ex)
                {
                    throw new InvalidInputException(ex.Message);
                }
            }
            else
            {
                config = existing?.Config ?? unloaded ?? throw new ModelNotFoundException(name);
            }

            if (existing is null)
            {
                _unloaded.TryRemove(name, out _);
                return await AddAsync(config, cancellationToken).ConfigureAwait(false);
            }

            var model = await CreateAndLoadAsync(config, cancellationToken).ConfigureAwait(false);
            if (!model.State.IsReady && existing.State.IsReady)
            {
                // The old instance keeps serving; the caller gets the new one's failure.
                var failed = new FailedModel(config, model.State.Reason ?? "failed to load");
                await model.DisposeAsync().ConfigureAwait(false);
                return failed;
            }

            _models[name] = model;
            await RetireAsync(existing).ConfigureAwait(false);
            return model;
        }
        finally
        {
            _mutate.Release();
        }
    }

    /// <summary>
    /// KServe's repository-extension load (REST and gRPC): the ready model, or <see cref="ModelNotReadyException"/> (503)
    /// for a failed load, with the reason, and for a name the repository does not define, as KServe answers both.
    /// </summary>
    public async Task<IModel> LoadReadyAsync(string name, CancellationToken cancellationToken)
    {
        IModel model;
        try
        {
            model = await LoadAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelNotFoundException)
        {
            throw new ModelNotReadyException(name);
        }

        return model.State.IsReady ? model : throw new ModelNotReadyException(name, model.State.Reason);
    }

    /// <summary>
    /// Unloads a model as KServe does: it leaves the repository at once (later requests get 404, as for a name never
    /// loaded), and its instance is disposed once the running requests end. A later load finds its definition again.
    /// </summary>
    public async Task UnloadAsync(string name, CancellationToken cancellationToken)
    {
        await _mutate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_models.TryRemove(name, out var model))
            {
                throw new ModelNotFoundException(name);
            }

            _unloaded[name] = model.Config;
            await RetireAsync(model).ConfigureAwait(false);
            LogUnloaded(_logger, name);
        }
        finally
        {
            _mutate.Release();
        }
    }

    /// <summary>Closes an instance to new leases, waits (bounded) for the running ones and disposes it after the last.</summary>
    private async Task RetireAsync(IModel model)
    {
        var counter = _leases.GetOrAdd(model, static _ => new ModelLeaseCounter());
        counter.Close();
        var disposal = counter.Drained.ContinueWith(
            async _ =>
            {
                if (counter.TryClaimDisposal())
                {
                    await model.DisposeAsync().ConfigureAwait(false);
                }

                if (!_models.TryGetValue(model.Config.Name, out var current) || !ReferenceEquals(current, model))
                {
                    _leases.TryRemove(model, out var _);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.None,
            TaskScheduler.Default).Unwrap();
        try
        {
            await disposal.WaitAsync(_options.DrainTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Disposal still happens when the last request ends; the caller need not wait for it.
            LogDrainSlow(_logger, model.Config.Name, counter.Active, _options.DrainTimeout.TotalSeconds);
        }
    }

    private async Task<IModel> CreateAndLoadAsync(ModelConfig config, CancellationToken cancellationToken)
    {
        if (!_servers.TryGetValue(config.Server, out var server))
        {
            return new FailedModel(config, UnknownServer(config));
        }

        IModel model;
        try
        {
            model = server.Create(config, _services);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogLoadFailed(_logger, config.Name, ex.Message);
            return new FailedModel(config, ex.Message);
        }

        await LoadModelAsync(model, cancellationToken).ConfigureAwait(false);
        return model;
    }

    private string UnknownServer(ModelConfig config) =>
        $"unknown server type '{config.Server}' (known: {string.Join(", ", _servers.Keys.Order(StringComparer.Ordinal))})";

    /// <summary>The definitions found on disk plus any registered model, for the repository index.</summary>
    public IReadOnlyList<(string Name, string? Version, ModelState State)> Index()
    {
        var result = new Dictionary<string, (string, string?, ModelState)>(StringComparer.Ordinal);
        foreach (var path in ModelConfigLoader.Discover(_options.ModelsDirectory))
        {
            var name = Path.GetFileName(Path.GetDirectoryName(path))!;
            if (_options.Only.Count == 0 || _options.Only.Contains(name))
            {
                // With --only the other folders do not exist for this process (load refuses them too).
                result[name] = (name, null, ModelState.Unloaded);
            }
        }

        foreach (var name in _unloaded.Keys)
        {
            result[name] = (name, null, ModelState.Unloaded);
        }

        foreach (var m in _models.Values)
        {
            result[m.Config.Name] = (m.Config.Name, m.Config.Version, m.State);
        }

        return result.Values.OrderBy(v => v.Item1, StringComparer.Ordinal).ToList();
    }

    private async Task LoadModelAsync(IModel model, CancellationToken cancellationToken)
    {
        var sw = Stopwatch.StartNew();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.LoadTimeout);
            var paths = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var a in model.Config.Artifacts)
            {
                paths[a.Name] = await _artifacts.EnsureAsync(a, model.Config.Directory, timeout.Token).ConfigureAwait(false);
            }

            await model.LoadAsync(new ModelLoadContext(paths), timeout.Token).ConfigureAwait(false);
            _metrics?.ModelLoad.Record(sw.Elapsed.TotalSeconds, new KeyValuePair<string, object?>(LiftWingMetrics.ModelNameTag, model.Config.Name));
            LogLoaded(_logger, model.Config.Name, model.Config.Version, sw.ElapsedMilliseconds);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var reason = ex is OperationCanceledException ? $"loading took longer than {_options.LoadTimeout}" : ex.Message;
            model.MarkFailed(reason);
            LogLoadFailed(_logger, model.Config.Name, reason);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var m in _models.Values)
        {
            if (_leases.GetOrAdd(m, static _ => new ModelLeaseCounter()).TryClaimDisposal())
            {
                await m.DisposeAsync().ConfigureAwait(false);
            }
        }

        _mutate.Dispose();
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Model {ModelName} version {Version} loaded in {ElapsedMs} ms")]
    private static partial void LogLoaded(ILogger logger, string modelName, string version, long elapsedMs);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "Model {ModelName} failed to load: {Reason}")]
    private static partial void LogLoadFailed(ILogger logger, string modelName, string reason);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "Invalid model definition {Path}: {Reason}")]
    private static partial void LogConfigInvalid(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Model {ModelName}: {Active} requests still running after {Seconds} s; the old instance is disposed when they end")]
    private static partial void LogDrainSlow(ILogger logger, string modelName, int active, double seconds);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Model {ModelName} unloaded")]
    private static partial void LogUnloaded(ILogger logger, string modelName);
}

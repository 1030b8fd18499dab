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
    private readonly Dictionary<string, IModelServer> _servers;
    private readonly ArtifactStore _artifacts;
    private readonly IServiceProvider _services;
    private readonly ModelRepositoryOptions _options;
    private readonly LiftWingMetrics? _metrics;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _mutate = new(1, 1);

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

        await Task.WhenAll(configs.Select(c => AddAsync(c, cancellationToken))).ConfigureAwait(false);
    }

    /// <summary>Creates and loads a model from its definition; a failure leaves it listed as failed.</summary>
    public async Task<IModel> AddAsync(ModelConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        IModel model;
        if (!_servers.TryGetValue(config.Server, out var server))
        {
            model = new FailedModel(config, $"unknown server type '{config.Server}' (known: {string.Join(", ", _servers.Keys.Order(StringComparer.Ordinal))})");
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

    /// <summary>Loads (or reloads) a model by name: a fresh instance from its definition replaces the old one.</summary>
    public async Task<IModel> LoadAsync(string name, CancellationToken cancellationToken)
    {
        await _mutate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ModelConfig? config = null;
            if (_models.TryGetValue(name, out var existing))
            {
                config = existing.Config;
            }
            else
            {
                // Not loaded yet: look for its folder (the repository extension's "load" of an indexed model).
                var path = Path.Combine(_options.ModelsDirectory, name, "model.yaml");
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
            }

            if (config is null)
            {
                throw new ModelNotFoundException(name);
            }

            if (config.Server != "?" && File.Exists(Path.Combine(config.Directory, "model.yaml")))
            {
                // Re-read the definition so a reload picks up an edited model.yaml.
                try
                {
                    config = ModelConfigLoader.Load(Path.Combine(config.Directory, "model.yaml"));
                }
                catch (InvalidDataException ex)
                {
                    throw new InvalidInputException(ex.Message);
                }
            }

            var model = await AddAsync(config, cancellationToken).ConfigureAwait(false);
            if (existing is not null && !ReferenceEquals(existing, model))
            {
                await existing.DisposeAsync().ConfigureAwait(false);
            }

            return model;
        }
        finally
        {
            _mutate.Release();
        }
    }

    /// <summary>Unloads a model: it stays listed (not ready) until loaded again.</summary>
    public async Task UnloadAsync(string name, CancellationToken cancellationToken)
    {
        await _mutate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_models.TryGetValue(name, out var model))
            {
                throw new ModelNotFoundException(name);
            }

            await model.DisposeAsync().ConfigureAwait(false);
            LogUnloaded(_logger, name);
        }
        finally
        {
            _mutate.Release();
        }
    }

    /// <summary>The definitions found on disk plus any registered model, for the repository index.</summary>
    public IReadOnlyList<(string Name, string? Version, ModelState State)> Index()
    {
        var result = new Dictionary<string, (string, string?, ModelState)>(StringComparer.Ordinal);
        foreach (var path in ModelConfigLoader.Discover(_options.ModelsDirectory))
        {
            var name = Path.GetFileName(Path.GetDirectoryName(path))!;
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
            await m.DisposeAsync().ConfigureAwait(false);
        }

        _mutate.Dispose();
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Model {ModelName} version {Version} loaded in {ElapsedMs} ms")]
    private static partial void LogLoaded(ILogger logger, string modelName, string version, long elapsedMs);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "Model {ModelName} failed to load: {Reason}")]
    private static partial void LogLoadFailed(ILogger logger, string modelName, string reason);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "Invalid model definition {Path}: {Reason}")]
    private static partial void LogConfigInvalid(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Model {ModelName} unloaded")]
    private static partial void LogUnloaded(ILogger logger, string modelName);
}

using System.Text.Json;
using LiftWing.Core.Inference;
using LiftWing.Core.Models;
using LiftWing.Core.Repository;
using Microsoft.Extensions.DependencyInjection;

namespace LiftWing.Models.Tests.HuggingFace;

/// <summary>The real DI composition (core + every model server) for in-process model tests.</summary>
internal sealed class HfTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    public HfTestHost()
        : this(null)
    {
    }

    /// <summary>A host whose clock is <paramref name="time"/> (the system clock when null).</summary>
    public HfTestHost(TimeProvider? time)
    {
        var services = new ServiceCollection();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        _provider = services.AddLogging().AddLiftWingCore().AddLiftWingModels().BuildServiceProvider();
    }

    public ModelRepository Repository => _provider.GetRequiredService<ModelRepository>();

    public InferenceService Inference => _provider.GetRequiredService<InferenceService>();

    /// <summary>Loads a model folder through the repository (artifacts pulled and checked) and fails with its reason if it did not load.</summary>
    public async Task<IModel> LoadAsync(string folder, Func<ModelConfig, ModelConfig>? edit = null)
    {
        var config = ModelConfigLoader.Load(Path.Combine(folder, "model.yaml"));
        if (edit is not null)
        {
            config = edit(config);
        }

        var model = await Repository.AddAsync(config, CancellationToken.None);
        Assert.True(model.State.IsReady, $"model {config.Name} did not load: {model.State.Reason}");
        return model;
    }

    public async Task<JsonElement> PredictAsync(string model, object body, InferenceProtocol protocol = InferenceProtocol.V1)
    {
        var response = await Inference.InferAsync(new InferenceRequest { ModelName = model, Protocol = protocol, Body = JsonSerializer.SerializeToElement(body) }, CancellationToken.None);
        Assert.Equal(200, response.StatusCode);
        return JsonDocument.Parse(response.Json).RootElement;
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}

namespace LiftWing.Core.Caching;

/// <summary>
/// A full cache key: model name, model version and the model's own key. Rendered as
/// <c>{model}:{version}:{item}</c>, so a new model version never reads an old answer and a purge of a
/// model (or of one version) is a prefix delete.
/// </summary>
/// <param name="Model">The model name (URL name).</param>
/// <param name="Version">The model version from model.yaml.</param>
/// <param name="Item">The model's own key (<see cref="Models.IModel.GetCacheKey"/>).</param>
public readonly record struct PredictionKey(string Model, string Version, string Item)
{
    /// <summary>The rendered key, without any store prefix.</summary>
    public override string ToString() => string.Concat(Model, ":", Version, ":", Item);

    /// <summary>The length of the rendered key.</summary>
    public int Length => Model.Length + Version.Length + Item.Length + 2;

    /// <summary>Renders the key into <paramref name="destination"/> (at least <see cref="Length"/> long); returns the characters written.</summary>
    public int CopyTo(Span<char> destination)
    {
        Model.CopyTo(destination);
        var n = Model.Length;
        destination[n++] = ':';
        Version.CopyTo(destination[n..]);
        n += Version.Length;
        destination[n++] = ':';
        Item.CopyTo(destination[n..]);
        return n + Item.Length;
    }

    /// <summary>The prefix shared by every key of a model, or of one of its versions.</summary>
    public static string Prefix(string model, string? version) =>
        version is null ? model + ":" : string.Concat(model, ":", version, ":");
}

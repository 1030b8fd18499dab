using System.Text.Json.Nodes;

namespace LiftWing.Server.Protocols.Ores;

/// <summary>One <c>(context, model)</c> of the catalogue and the backend it resolves to.</summary>
internal sealed record OresModelEntry
{
    /// <summary>The context (wiki database name), e.g. <c>enwiki</c>.</summary>
    public required string Context { get; init; }

    /// <summary>The ORES model name, e.g. <c>damaging</c>, <c>wp10</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The catalogue version (listings and per-score errors use it).</summary>
    public required string Version { get; init; }

    /// <summary>The backend kind.</summary>
    public required OresBackendKind Backend { get; init; }

    /// <summary>The model name Lift Wing serves it under (the alias target, e.g. <c>articlequality</c> for <c>wp10</c>).</summary>
    public required string IsvcModel { get; init; }

    /// <summary>The upstream isvc namespace, e.g. <c>revscoring-editquality-damaging</c>.</summary>
    public required string Namespace { get; init; }

    /// <summary>For <see cref="OresBackendKind.LiftWing"/>: the in-process model name.</summary>
    public string? LiftWingModel { get; init; }

    /// <summary>For <see cref="OresBackendKind.LiftWing"/>: fields added to the <c>{"rev_id": ...}</c> body.</summary>
    public JsonObject? RequestFields { get; init; }

    /// <summary>Listed and scored only when named.</summary>
    public bool ExplicitOnly { get; init; }

    /// <summary>The Lift Wing isvc name, <c>{context}-{model}</c>.</summary>
    public string Isvc => $"{Context}-{IsvcModel}";
}

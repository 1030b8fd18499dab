namespace LiftWing.Models.RevertRisk;

/// <summary>The input form of a request, which decides the response shape.</summary>
internal enum RevertRiskRequestKind
{
    /// <summary><c>{"rev_id", "lang"}</c>.</summary>
    SingleRevision,

    /// <summary><c>{"instances": [...]}</c>: answered with <c>predictions</c> (and <c>errors</c>).</summary>
    Batch,

    /// <summary><c>{"event": page_change}</c>.</summary>
    Event,

    /// <summary><c>{"revision_data": {...}}</c>: pre-save, answered with <c>revision_id: -1</c>.</summary>
    RevisionData,
}

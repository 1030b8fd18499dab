namespace LiftWing.Models.RevertRisk;

/// <summary>A revision to score by id: <c>(rev_id, lang)</c>.</summary>
public sealed record RevisionKey(long RevisionId, string Lang)
{
    /// <summary>Lift Wing's <c>wiki_db</c>: lang + "wiki".</summary>
    public string WikiDb => Lang + "wiki";

    /// <summary>Python's repr of the tuple, as Lift Wing's 422 message prints it: <c>(123, 'en')</c>.</summary>
    public string PythonRepr => $"({RevisionId}, '{Lang}')";
}

using System.Globalization;

namespace LiftWing.Models.RevertRisk;

/// <summary>
/// A revision to score by id: <c>(rev_id, lang)</c>. <paramref name="RevisionIdText"/> is the id as the client sent
/// it when it sent a string: Lift Wing echoes <c>rev_id</c> untyped, and its batch keys <c>123</c> and <c>"123"</c>
/// apart, as Python's dict does; record equality does the same here.
/// </summary>
public sealed record RevisionKey(long RevisionId, string Lang, string? RevisionIdText = null)
{
    /// <summary>Lift Wing's <c>wiki_db</c>: lang + "wiki".</summary>
    public string WikiDb => Lang + "wiki";

    /// <summary>The id as Python's f-string prints it (the same for an int and a string).</summary>
    public string Display => RevisionIdText ?? RevisionId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Python's repr of the tuple, as Lift Wing's 422 message prints it: <c>(123, 'en')</c> or <c>('123', 'en')</c>.</summary>
    public string PythonRepr => RevisionIdText is { } text ? $"('{text}', '{Lang}')" : $"({RevisionId}, '{Lang}')";
}

using LiftWing.Wiki.Revisions;

namespace LiftWing.Wiki.RevertRisk;

/// <summary>Computes the revert-risk feature vector of a gathered (or pre-save) revision.</summary>
public static class RevisionFeatures
{
    /// <summary>Diffs parent → current and assembles <see cref="RevertRiskFeatures.Build"/>'s input.</summary>
    public static float[] Compute(RevisionData revision, IEditTypeCounter counter, CancellationToken cancellationToken)
    {
        // test.wikipedia.org is an English wiki; the differ needs a real language for namespaces and sentence breaks.
        var lang = revision.Lang == "test" ? "en" : revision.Lang;
        var editTypes = counter.Count(revision.Parent.Text, revision.Text, lang, cancellationToken);
        return RevertRiskFeatures.Build(new RevertRiskFeatureInput
        {
            EditTypes = editTypes,
            BytesDiff = revision.Bytes - revision.Parent.Bytes,
            IsAnonymous = revision.User.IsAnonymous,
            UserGroups = revision.User.Groups,
            Tags = revision.Tags,
            Comment = revision.Comment,
            Timestamp = revision.Timestamp,
        });
    }
}

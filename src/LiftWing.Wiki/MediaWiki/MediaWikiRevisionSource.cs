using System.Globalization;
using System.Text.Json;
using LiftWing.Core.Errors;
using LiftWing.Wiki.Revisions;

namespace LiftWing.Wiki.MediaWiki;

/// <summary>
/// Gathers a revision through the Action API in three queries (formatversion=2):
/// <list type="number">
/// <item>the revision: <c>prop=revisions&amp;revids=R&amp;rvprop=ids|timestamp|size|comment|user|userid|tags|content&amp;rvslots=main</c>;</item>
/// <item>then, batched in one request, the parent and the user:
/// <c>prop=revisions&amp;revids=P&amp;rvprop=ids|timestamp|size|content&amp;rvslots=main&amp;list=users&amp;ususerids=U&amp;usprop=groups|registration</c>;</item>
/// <item>concurrently with 2, the page's first edit: <c>prop=revisions&amp;pageids=ID&amp;rvdir=newer&amp;rvlimit=1&amp;rvprop=ids|timestamp</c>
/// (it cannot share a request with <c>revids</c>).</item>
/// </list>
/// </summary>
/// <remarks>
/// The one <see cref="IRevisionSource"/>: <c>live</c> talks to the wikis, <c>fixtures:</c> and <c>dump:</c> talk to an
/// in-process <see cref="Emulation.ActionApiEmulator"/> through the same client, so offline runs exercise the same parsing.
/// </remarks>
public sealed class MediaWikiRevisionSource : IRevisionSource
{
    private readonly MediaWikiActionClient _client;
    private readonly Func<string, long, CancellationToken, Task<string>>? _html;

    /// <summary>A source over an Action API client and, for Parsoid HTML, a REST client (none: HTML requests are a 422).</summary>
    public MediaWikiRevisionSource(MediaWikiActionClient client, MediaWikiRestClient? html = null)
        : this(client, html is null ? null : html.GetRevisionHtmlAsync, "live")
    {
    }

    internal MediaWikiRevisionSource(MediaWikiActionClient client, Func<string, long, CancellationToken, Task<string>>? html, string description)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _html = html;
        Description = description;
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public Task<string> GetRevisionHtmlAsync(string lang, long revisionId, CancellationToken cancellationToken) =>
        _html is { } html
            ? html(lang, revisionId, cancellationToken)
            : throw new UpstreamDataException(422, $"Fetching html failed for the article revision with id: {revisionId}. Reason: the source {Description} has no Parsoid HTML.", "revision-missing");

    /// <inheritdoc />
    public async ValueTask<RevisionFetchResult> GetRevisionAsync(string lang, long revisionId, CancellationToken cancellationToken)
    {
        using var revisionDoc = await _client.QueryAsync(lang, [
            new("prop", "revisions"),
            new("revids", revisionId.ToString(CultureInfo.InvariantCulture)),
            new("rvprop", "ids|timestamp|size|comment|user|userid|tags|content"),
            new("rvslots", "main"),
        ], cancellationToken).ConfigureAwait(false);

        var (page, revision) = FindRevision(revisionDoc.RootElement, revisionId);
        if (revision is not { } rev || page is not { } pageElement)
        {
            return new RevisionFetchResult(RevisionOutcome.RevisionMissing);
        }

        if (IsTrue(rev, "userhidden") || MainText(rev) is null)
        {
            return new RevisionFetchResult(RevisionOutcome.RevisionInfoDeleted);
        }

        var parentId = GetLong(rev, "parentid");
        if (parentId == 0)
        {
            return new RevisionFetchResult(RevisionOutcome.FirstRevision);
        }

        var userId = GetLong(rev, "userid");
        var pageId = GetLong(pageElement, "pageid");
        List<KeyValuePair<string, string>> parentQuery =
        [
            new("prop", "revisions"),
            new("revids", parentId.ToString(CultureInfo.InvariantCulture)),
            new("rvprop", "ids|timestamp|size|content"),
            new("rvslots", "main"),
        ];
        if (userId > 0)
        {
            parentQuery.Add(new("list", "users"));
            parentQuery.Add(new("ususerids", userId.ToString(CultureInfo.InvariantCulture)));
            parentQuery.Add(new("usprop", "groups|registration"));
        }

        var parentTask = _client.QueryAsync(lang, parentQuery, cancellationToken);
        var firstEditTask = _client.QueryAsync(lang, [
            new("prop", "revisions"),
            new("pageids", pageId.ToString(CultureInfo.InvariantCulture)),
            new("rvdir", "newer"),
            new("rvlimit", "1"),
            new("rvprop", "ids|timestamp"),
        ], cancellationToken);
        try
        {
            await Task.WhenAll(parentTask, firstEditTask).ConfigureAwait(false);
        }
        catch
        {
            // Dispose whichever one succeeded before surfacing the failure.
            if (parentTask.IsCompletedSuccessfully)
            {
                parentTask.Result.Dispose();
            }

            if (firstEditTask.IsCompletedSuccessfully)
            {
                firstEditTask.Result.Dispose();
            }

            throw;
        }

        using var parentDoc = parentTask.Result;
        using var firstEditDoc = firstEditTask.Result;

        var (_, parent) = FindRevision(parentDoc.RootElement, parentId);
        if (parent is not { } parentRev)
        {
            return new RevisionFetchResult(RevisionOutcome.ParentRevisionMissing);
        }

        var parentText = MainText(parentRev);
        if (parentText is null)
        {
            return new RevisionFetchResult(RevisionOutcome.ParentRevisionInfoDeleted);
        }

        UserInfo user;
        if (userId > 0)
        {
            var found = FindUser(parentDoc.RootElement, userId);
            if (found is null)
            {
                return new RevisionFetchResult(RevisionOutcome.UserMissing);
            }

            user = found;
        }
        else
        {
            user = new UserInfo { Id = 0, Name = GetString(rev, "user") };
        }

        var firstEdit = FirstEditTimestamp(firstEditDoc.RootElement);
        if (firstEdit is null)
        {
            return new RevisionFetchResult(RevisionOutcome.PageMissing);
        }

        var text = MainText(rev)!;
        return RevisionFetchResult.Of(new RevisionData
        {
            Id = revisionId,
            Lang = lang,
            Text = text,
            Timestamp = GetTimestamp(rev, "timestamp"),
            Bytes = rev.TryGetProperty("size", out var size) ? size.GetInt64() : System.Text.Encoding.UTF8.GetByteCount(text),
            Comment = IsTrue(rev, "commenthidden") ? null : GetString(rev, "comment"),
            Tags = rev.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array
                ? [.. tags.EnumerateArray().Select(t => t.GetString() ?? "")]
                : [],
            Page = new PageInfo(pageId, GetString(pageElement, "title") ?? "", firstEdit.Value),
            Parent = new ParentRevision(parentId, lang, parentText, GetTimestamp(parentRev, "timestamp"),
                parentRev.TryGetProperty("size", out var parentSize) ? parentSize.GetInt64() : System.Text.Encoding.UTF8.GetByteCount(parentText)),
            User = user,
        });
    }

    private static (JsonElement? Page, JsonElement? Revision) FindRevision(JsonElement root, long revisionId)
    {
        if (!root.TryGetProperty("query", out var query) || !query.TryGetProperty("pages", out var pages) || pages.ValueKind != JsonValueKind.Array)
        {
            return (null, null);
        }

        foreach (var page in pages.EnumerateArray())
        {
            if (!page.TryGetProperty("revisions", out var revisions))
            {
                continue;
            }

            foreach (var revision in revisions.EnumerateArray())
            {
                if (GetLong(revision, "revid") == revisionId)
                {
                    return (page, revision);
                }
            }
        }

        return (null, null);
    }

    // formatversion=2 puts content at slots.main.content; a revision-deleted text shows as slots.main.texthidden
    // (or, for a suppressed one, no content at all).
    private static string? MainText(JsonElement revision)
    {
        if (IsTrue(revision, "texthidden"))
        {
            return null;
        }

        if (revision.TryGetProperty("slots", out var slots) && slots.TryGetProperty("main", out var main))
        {
            return IsTrue(main, "texthidden") ? null : GetString(main, "content");
        }

        return null;
    }

    private static UserInfo? FindUser(JsonElement root, long userId)
    {
        if (!root.TryGetProperty("query", out var query) || !query.TryGetProperty("users", out var users))
        {
            return null;
        }

        foreach (var user in users.EnumerateArray())
        {
            if (IsTrue(user, "missing") || IsTrue(user, "invalid") || GetLong(user, "userid") != userId)
            {
                continue;
            }

            return new UserInfo
            {
                Id = userId,
                Name = GetString(user, "name"),
                Groups = user.TryGetProperty("groups", out var groups) ? [.. groups.EnumerateArray().Select(g => g.GetString() ?? "")] : [],
                Registration = GetString(user, "registration") is { Length: > 0 } reg ? ParseTimestamp(reg) : null,
            };
        }

        return null;
    }

    private static DateTimeOffset? FirstEditTimestamp(JsonElement root)
    {
        if (!root.TryGetProperty("query", out var query) || !query.TryGetProperty("pages", out var pages))
        {
            return null;
        }

        foreach (var page in pages.EnumerateArray())
        {
            if (IsTrue(page, "missing") || IsTrue(page, "invalid") || !page.TryGetProperty("revisions", out var revisions))
            {
                continue;
            }

            foreach (var revision in revisions.EnumerateArray())
            {
                return GetTimestamp(revision, "timestamp");
            }
        }

        return null;
    }

    private static bool IsTrue(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static long GetLong(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : 0;

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset GetTimestamp(JsonElement element, string name) =>
        GetString(element, name) is { } s ? ParseTimestamp(s) : throw MediaWikiActionClient.Unavailable($"MediaWiki response lacks '{name}'", "invalid-response");

    private static DateTimeOffset ParseTimestamp(string value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed
            : throw MediaWikiActionClient.Unavailable($"MediaWiki returned an unreadable timestamp '{value}'", "invalid-response");
}

namespace LiftWing.Wiki.MediaWiki;

/// <summary>How one model reaches the wikis, after <see cref="MediaWikiOptions.Resolve"/>.</summary>
public sealed record MediaWikiEndpoint(Uri? WikiUrl, bool ForceHttp, TimeSpan Timeout);

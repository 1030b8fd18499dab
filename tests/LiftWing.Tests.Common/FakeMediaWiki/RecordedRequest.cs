namespace LiftWing.Tests.Common.FakeMediaWiki;

/// <summary>A request the fake server received.</summary>
public sealed record RecordedRequest(string Host, string PathAndQuery, string UserAgent);

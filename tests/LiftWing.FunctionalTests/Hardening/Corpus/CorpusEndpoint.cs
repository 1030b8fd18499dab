namespace LiftWing.FunctionalTests.Hardening.Corpus;

/// <summary>An endpoint under test: where to POST, a valid body, and the fields whose values the corpus replaces.</summary>
/// <param name="Name">A short name for reports.</param>
/// <param name="Path">The request path.</param>
/// <param name="ValidBody">A valid JSON body.</param>
/// <param name="Fields">Paths into the body (<c>a</c>, <c>a[0].b</c>) whose values are replaced.</param>
/// <param name="OpenAIErrors">True when errors use OpenAI's <c>{"error": {"message": ...}}</c> shape.</param>
/// <param name="DetailErrors">True when the model also raises Lift Wing's FastAPI errors, <c>{"detail": "..."}</c> (revert risk).</param>
internal sealed record CorpusEndpoint(string Name, string Path, string ValidBody, IReadOnlyList<string> Fields, bool OpenAIErrors = false, bool DetailErrors = false);

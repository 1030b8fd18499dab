namespace LiftWing.Wiki.ArticleFeatures;

/// <summary>How many elements an HTML text opens and how deep they nest (see <see cref="HtmlShapeScanner"/>).</summary>
/// <param name="Elements">Start tags seen (up to the scan's stop).</param>
/// <param name="Depth">The deepest nesting seen.</param>
/// <param name="Stopped">True when the scan stopped early because a limit was passed.</param>
public readonly record struct HtmlShape(int Elements, int Depth, bool Stopped);

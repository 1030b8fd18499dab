namespace LiftWing.Server.Http;

/// <summary>OpenAI's own error <c>code</c> (a string, or JSON null as OpenAI sends for an unknown URL).</summary>
internal readonly record struct OpenAICode(string? Code)
{
    /// <summary>An unknown model: <c>"model_not_found"</c>.</summary>
    public static OpenAICode ModelNotFound => new(ErrorResponses.ModelNotFoundCode);

    /// <summary>An unknown URL or a wrong method: <c>null</c>.</summary>
    public static OpenAICode None => new(null);
}

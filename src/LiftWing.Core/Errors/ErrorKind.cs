namespace LiftWing.Core.Errors;

/// <summary>What went wrong, independent of protocol. <see cref="ErrorTable"/> maps each kind to one HTTP status.</summary>
public enum ErrorKind
{
    /// <summary>The request is malformed or violates a rule: 400.</summary>
    InvalidInput,

    /// <summary>No such model or resource: 404.</summary>
    NotFound,

    /// <summary>The route exists for another method: 405.</summary>
    MethodNotAllowed,

    /// <summary>The body is larger than the limit: 413.</summary>
    PayloadTooLarge,

    /// <summary>The body's media type is not accepted: 415.</summary>
    UnsupportedMediaType,

    /// <summary>The request is well formed but its data (e.g. a deleted revision) cannot be used: 422.</summary>
    Unprocessable,

    /// <summary>The caller sent too many requests: 429.</summary>
    TooManyRequests,

    /// <summary>A failure the model or platform reports with a message written for the client: 500.</summary>
    Internal,

    /// <summary>A bug or an unforeseen fault: 500, and the client sees only <c>Internal server error</c> and the request id.</summary>
    Unexpected,

    /// <summary>The route exists but the model does not implement it (KServe's <c>NotImplementedError</c>): 501.</summary>
    NotImplemented,

    /// <summary>An upstream (MediaWiki, an image host) answered badly: 502.</summary>
    BadGateway,

    /// <summary>The model is not ready, or a dependency is down: 503.</summary>
    Unavailable,

    /// <summary>The request ran past its time limit: 504.</summary>
    Timeout,
}

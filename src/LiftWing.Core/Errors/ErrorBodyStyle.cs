namespace LiftWing.Core.Errors;

/// <summary>
/// Which body an error is written with, after the Python exception Lift Wing raises for it: KServe's handlers answer
/// <c>{"error": "..."}</c>, FastAPI's <c>HTTPException</c> (and Starlette's routing) <c>{"detail": "..."}</c>.
/// <see cref="ErrorTable.BodyKeyOf"/> maps each style to its key.
/// </summary>
public enum ErrorBodyStyle
{
    /// <summary>KServe's <c>InvalidInput</c>, <c>InferenceError</c>, <c>ModelNotFound</c>, …: <c>{"error": "..."}</c>.</summary>
    KServe,

    /// <summary>FastAPI's <c>HTTPException</c>, unknown routes and wrong methods: <c>{"detail": "..."}</c>.</summary>
    FastApi,
}

using System.Text.Json.Serialization;

namespace LiftWing.Server.Http;

/// <summary>FastAPI's error body: <c>{"detail": "..."}</c> (<see cref="LiftWing.Core.Errors.ErrorBodyStyle.FastApi"/>).</summary>
internal sealed record DetailBody([property: JsonPropertyName("detail")] string Detail);

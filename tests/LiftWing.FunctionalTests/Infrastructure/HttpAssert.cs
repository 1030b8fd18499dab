using System.Net;
using System.Text.Json;

namespace LiftWing.FunctionalTests.Infrastructure;

/// <summary>Assertions on real HTTP responses.</summary>
public static class HttpAssert
{
    /// <summary>Asserts the status and returns the parsed JSON body.</summary>
    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts an error status and the exact <c>{"error": message}</c> body.</summary>
    public static async Task ErrorAsync(HttpResponseMessage response, HttpStatusCode expected, string message)
    {
        var body = await JsonAsync(response, expected);
        Assert.Equal(JsonValueKind.Object, body.ValueKind);
        Assert.Equal(message, body.GetProperty("error").GetString());
        Assert.Single(body.EnumerateObject());
    }

    /// <summary>Asserts an error status and FastAPI's exact <c>{"detail": message}</c> body (Lift Wing's HTTPException).</summary>
    public static async Task DetailAsync(HttpResponseMessage response, HttpStatusCode expected, string message)
    {
        var body = await JsonAsync(response, expected);
        Assert.Equal(JsonValueKind.Object, body.ValueKind);
        Assert.Equal(message, body.GetProperty("detail").GetString());
        Assert.Single(body.EnumerateObject());
    }

    /// <summary>Asserts an error status and returns the error message.</summary>
    public static async Task<string> ErrorMessageAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await JsonAsync(response, expected);
        return body.GetProperty("error").GetString()!;
    }
}

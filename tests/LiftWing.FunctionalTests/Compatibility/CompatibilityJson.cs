using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LiftWing.FunctionalTests.Infrastructure;

namespace LiftWing.FunctionalTests.Compatibility;

/// <summary>Small helpers for comparing answers with Lift Wing's documented ones: key order, error text, posting.</summary>
internal static class CompatibilityJson
{
    /// <summary>An object's keys in the order they were written.</summary>
    public static string[] Keys(JsonElement e) => [.. e.EnumerateObject().Select(p => p.Name)];

    /// <summary>POSTs raw JSON text.</summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string json) =>
        client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>POSTs an object as JSON.</summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body) =>
        client.PostAsync(path, JsonContent.Create(body));

    /// <summary>
    /// The status, and the one-key error body's text: Lift Wing answers <c>{"error": ...}</c> for KServe's errors and
    /// <c>{"detail": ...}</c> where its servers raise FastAPI's HTTPException; which key an error uses is the
    /// edge's table (tested with the edge), the text is the model's (tested here).
    /// </summary>
    public static async Task<string> ErrorTextAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await HttpAssert.JsonAsync(response, expected);
        var only = Assert.Single(body.EnumerateObject());
        Assert.Contains(only.Name, new[] { "error", "detail" });
        return only.Value.GetString()!;
    }
}

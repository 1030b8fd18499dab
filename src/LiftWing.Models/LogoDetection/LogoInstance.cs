using System.Text.Json;

namespace LiftWing.Models.LogoDetection;

/// <summary>One validated instance: its file name and either the base64 <c>image</c> (still as JSON) or a <c>url</c>.</summary>
public sealed record LogoInstance(string Filename, JsonElement? Image, string? Url);

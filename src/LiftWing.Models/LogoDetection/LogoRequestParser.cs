using System.Text.Json;
using LiftWing.Core.Errors;

namespace LiftWing.Models.LogoDetection;

/// <summary>
/// Validates the V1 body with Lift Wing's checks, in Lift Wing's order and with its exact messages (the embedded
/// runs of spaces come from line continuations in Lift Wing's Python and are kept byte for byte).
/// </summary>
public static class LogoRequestParser
{
    /// <summary>The message for too many instances (Lift Wing text; the limit is configurable).</summary>
    public static string TooManyImages(int max) => $"Input data should have less than                 {max} images.";

    /// <summary>The message for an instance without the required keys.</summary>
    public const string InvalidKeys = "Input data has invalid key(s).                     Ensure each item contains: filename, image, and target.";

    /// <summary>Parses and validates; throws <see cref="InvalidInputException"/> (400).</summary>
    public static LogoRequest Parse(JsonElement body, int maxImages, bool urlsEnabled)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidInputException("Please verify that request input is a json dict");
        }

        if (!body.TryGetProperty("instances", out var instances))
        {
            throw new InvalidInputException("Missing required key 'instances' in input data.");
        }

        var debug = false;
        if (body.TryGetProperty("debug", out var debugElement))
        {
            if (debugElement.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                throw new InvalidInputException("The 'debug' key should be a boolean.");
            }

            debug = debugElement.GetBoolean();
        }

        // Lift Wing calls len() on it; anything but a list is our own clear message instead of a 500.
        if (instances.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidInputException("The 'instances' key should be a list.");
        }

        if (instances.GetArrayLength() > maxImages)
        {
            throw new InvalidInputException(TooManyImages(maxImages));
        }

        if (instances.GetArrayLength() == 0)
        {
            throw new InvalidInputException("Input data should contain at least one image.");
        }

        var result = new List<LogoInstance>(instances.GetArrayLength());
        foreach (var item in instances.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidInputException(InvalidKeys);
            }

            var hasImage = item.TryGetProperty("image", out var image);
            var hasUrl = urlsEnabled && item.TryGetProperty("url", out _);
            if (!item.TryGetProperty("filename", out var filename) || !item.TryGetProperty("target", out var target) || !(hasImage || hasUrl))
            {
                throw new InvalidInputException(InvalidKeys);
            }

            RequireString(filename, "filename");
            if (hasImage)
            {
                RequireString(image, "image");
            }

            RequireString(target, "target");
            string? url = null;
            if (!hasImage)
            {
                var urlElement = item.GetProperty("url");
                RequireString(urlElement, "url");
                url = urlElement.GetString();
            }

            result.Add(new LogoInstance(filename.GetString()!, hasImage ? image : null, url));
        }

        return new LogoRequest(result, debug);
    }

    private static void RequireString(JsonElement value, string key)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw new InvalidInputException($"Value for key '{key}' should be a string.");
        }
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LiftWing.Tests.Common.Events;

/// <summary>Reads a YAML document (a JSON Schema written in YAML) as JSON: plain scalars become numbers, booleans and null.</summary>
public static class YamlJson
{
    public static JsonNode? Read(string path)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            yaml.Load(reader);
        }

        return Convert(yaml.Documents[0].RootNode);
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, Convert(kv.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(Convert).ToArray()),
        YamlScalarNode s when s.Style is ScalarStyle.Plain => Plain(s.Value ?? ""),
        YamlScalarNode s => JsonValue.Create(s.Value),
        _ => null,
    };

    private static JsonNode? Plain(string v)
    {
        if (v is "" or "~" or "null")
        {
            return null;
        }

        if (v is "true" or "false")
        {
            return JsonValue.Create(v == "true");
        }

        if (long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l))
        {
            return JsonValue.Create(l);
        }

        return double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? JsonValue.Create(d) : JsonValue.Create(v);
    }
}

using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LiftWing.Server.Protocols.Ores;

/// <summary>Reads the catalogue YAML (the built-in <c>ores-catalogue.yaml</c> or a file); errors name the problem.</summary>
internal static class OresCatalogueLoader
{
    private const string BuiltIn = "LiftWing.Server.Protocols.Ores.ores-catalogue.yaml";

    /// <summary>Loads the file at <paramref name="path"/>, or the built-in catalogue when it is null or empty.</summary>
    public static OresCatalogue Load(string? path)
    {
        try
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                using var stream = typeof(OresCatalogueLoader).Assembly.GetManifestResourceStream(BuiltIn)
                    ?? throw new InvalidDataException("the built-in catalogue is missing from the assembly");
                using var builtIn = new StreamReader(stream);
                return Parse(builtIn);
            }

            using var reader = new StreamReader(path);
            return Parse(reader);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or YamlException)
        {
            throw new InvalidDataException($"{path ?? "built-in catalogue"}: {ex.Message}", ex);
        }
    }

    /// <summary>Parses catalogue YAML.</summary>
    public static OresCatalogue Parse(TextReader reader)
    {
        var yaml = new YamlStream();
        yaml.Load(reader);
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new InvalidDataException("the catalogue is not a YAML mapping");
        }

        var namespaces = new Dictionary<string, string>(StringComparer.Ordinal);
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Child(root, "upstream") is YamlMappingNode upstream)
        {
            ReadStrings(Child(upstream, "namespaces"), namespaces, "upstream.namespaces");
            ReadStrings(Child(upstream, "aliases"), aliases, "upstream.aliases");
        }

        if (Child(root, "contexts") is not YamlMappingNode contexts || contexts.Children.Count == 0)
        {
            throw new InvalidDataException("'contexts' must be a non-empty mapping");
        }

        var list = new List<OresContext>();
        foreach (var (key, value) in contexts.Children)
        {
            var context = Name(key, "context");
            if (value is not YamlMappingNode c || Child(c, "models") is not YamlMappingNode models || models.Children.Count == 0)
            {
                throw new InvalidDataException($"context '{context}' needs a non-empty 'models' mapping");
            }

            var entries = new List<OresModelEntry>();
            foreach (var (mk, mv) in models.Children)
            {
                entries.Add(Entry(context, Name(mk, "model"), mv, namespaces, aliases));
            }

            list.Add(new OresContext(context, entries));
        }

        return new OresCatalogue(list);
    }

    private static OresModelEntry Entry(string context, string model, YamlNode node, Dictionary<string, string> namespaces, Dictionary<string, string> aliases)
    {
        var where = $"{context}.{model}";
        if (node is not YamlMappingNode m || Scalar(m, "version") is not { Length: > 0 } version)
        {
            throw new InvalidDataException($"{where} needs a 'version'");
        }

        var backend = (Scalar(m, "backend") ?? "auto") switch
        {
            "auto" => OresBackendKind.Auto,
            "upstream" => OresBackendKind.Upstream,
            "liftwing" => OresBackendKind.LiftWing,
            "none" => OresBackendKind.None,
            var other => throw new InvalidDataException($"{where}: backend '{other}' is not auto, upstream, liftwing or none"),
        };
        var liftWingModel = Scalar(m, "liftwing_model");
        if (backend == OresBackendKind.LiftWing && string.IsNullOrEmpty(liftWingModel))
        {
            throw new InvalidDataException($"{where}: backend liftwing needs 'liftwing_model'");
        }

        JsonObject? fields = null;
        if (Child(m, "request") is YamlMappingNode request)
        {
            fields = [];
            foreach (var (fk, fv) in request.Children)
            {
                fields[Name(fk, "request field")] = fv is YamlScalarNode s ? JsonValue.Create(s.Value) : throw new InvalidDataException($"{where}: request fields must be scalars");
            }
        }

        var explicitOnly = Scalar(m, "explicit_only") is { } e && (bool.TryParse(e, out var b) ? b : throw new InvalidDataException($"{where}: explicit_only must be true or false"));
        var isvcModel = aliases.GetValueOrDefault(model, model);
        return new OresModelEntry
        {
            Context = context,
            Name = model,
            Version = version,
            Backend = backend,
            IsvcModel = isvcModel,
            Namespace = namespaces.GetValueOrDefault(isvcModel, "revscoring-" + isvcModel),
            LiftWingModel = liftWingModel,
            RequestFields = fields,
            ExplicitOnly = explicitOnly,
        };
    }

    private static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    private static string? Scalar(YamlMappingNode node, string key) => Child(node, key) switch
    {
        null => null,
        YamlScalarNode s => s.Value,
        _ => throw new InvalidDataException($"'{key}' must be a scalar"),
    };

    private static void ReadStrings(YamlNode? node, Dictionary<string, string> into, string where)
    {
        if (node is null)
        {
            return;
        }

        if (node is not YamlMappingNode map)
        {
            throw new InvalidDataException($"'{where}' must be a mapping");
        }

        foreach (var (k, v) in map.Children)
        {
            into[Name(k, where)] = v is YamlScalarNode { Value: { Length: > 0 } s } ? s : throw new InvalidDataException($"{where}: values must be names");
        }
    }

    // Names become URL segments and Host labels upstream, so only the characters wiki and model names use.
    private static string Name(YamlNode node, string what)
    {
        var name = (node as YamlScalarNode)?.Value ?? "";
        if (name.Length == 0 || name.Length > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            throw new InvalidDataException($"{what} name '{name}' must be 1-64 ASCII letters, digits, '_' or '-'");
        }

        return name;
    }
}

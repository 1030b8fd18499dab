using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace LiftWing.Core.Configuration;

/// <summary>
/// Runs data annotations (and <see cref="IValidatableObject"/>) over an options object and names each failure by its
/// configuration key, e.g. <c>LiftWing:Server:Port</c> or <c>options.max_text_length</c>, collecting every error.
/// </summary>
public static class OptionsValidation
{
    /// <summary>Every failure, each prefixed with <paramref name="keyPrefix"/> plus the member's key.</summary>
    /// <param name="options">The object to check.</param>
    /// <param name="keyPrefix">E.g. <c>LiftWing:Server:</c> or <c>options.</c>.</param>
    /// <param name="keyOf">Turns a member name into its key (identity for configuration, snake_case for model.yaml).</param>
    public static IReadOnlyList<string> Validate(object options, string keyPrefix, Func<string, string>? keyOf = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        keyOf ??= static n => n;
        // Properties and IValidatableObject separately: TryValidateObject skips the latter once a property fails.
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        if (options is IValidatableObject validatable && results.Count > 0)
        {
            results.AddRange(validatable.Validate(new ValidationContext(options)));
        }

        var errors = new List<string>();
        foreach (var r in results)
        {
            var members = r.MemberNames.Any() ? r.MemberNames : [""];
            foreach (var m in members)
            {
                var key = m.Length == 0 ? keyPrefix.TrimEnd(':', '.') : keyPrefix + keyOf(ConfigurationName(options.GetType(), m));
                var message = (r.ErrorMessage ?? "is invalid").Replace($"The field {m} ", "value ", StringComparison.Ordinal).TrimEnd('.');
                var value = m.Length == 0 ? null : options.GetType().GetProperty(m)?.GetValue(options);
                errors.Add(value is null or System.Collections.IEnumerable and not string ? $"{key}: {message}." : $"{key}: {message} (got {Format(value)}).");
            }
        }

        // Nested option groups (e.g. logo-detection's options.url) are validated with their own keys.
        foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.PropertyType.IsClass && property.PropertyType.Name.EndsWith("Options", StringComparison.Ordinal)
                && property.GetIndexParameters().Length == 0 && property.GetValue(options) is { } nested)
            {
                var separator = keyPrefix.Length > 0 ? keyPrefix[^1].ToString() : ":";
                errors.AddRange(Validate(nested, keyPrefix + keyOf(ConfigurationName(options.GetType(), property.Name)) + separator, keyOf));
            }
        }

        return errors;
    }

    private static string Format(object value) => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";

    // A [ConfigurationKeyName] renames the key the binder reads.
    private static string ConfigurationName(Type type, string member) =>
        type.GetProperty(member)?.GetCustomAttribute<Microsoft.Extensions.Configuration.ConfigurationKeyNameAttribute>()?.Name ?? member;
}

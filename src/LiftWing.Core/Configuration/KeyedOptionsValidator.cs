using Microsoft.Extensions.Options;

namespace LiftWing.Core.Configuration;

/// <summary>Validates bound options with <see cref="OptionsValidation"/>: every error, each naming its full key.</summary>
internal sealed class KeyedOptionsValidator<TOptions>(string section) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var errors = OptionsValidation.Validate(options, section + ":");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

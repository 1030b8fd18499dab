using Microsoft.Extensions.Options;

namespace LiftWing.Server.Gateway;

/// <summary>Checks <see cref="AdminOptions"/> at start-up: keys long enough, key file readable, port valid.</summary>
internal sealed class AdminOptionsValidator : IValidateOptions<AdminOptions>
{
    public ValidateOptionsResult Validate(string? name, AdminOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.KeyFile is { } file && !File.Exists(file))
        {
            errors.Add($"LiftWing:Admin:KeyFile: {file} does not exist");
        }
        else
        {
            try
            {
                if (AdminKeys.Load(options).Any(k => k.Length < options.MinKeyLength))
                {
                    errors.Add($"LiftWing:Admin: admin keys need at least {options.MinKeyLength} characters");
                }
            }
            catch (IOException ex)
            {
                errors.Add($"LiftWing:Admin:KeyFile: {ex.Message}");
            }
        }

        if (options.Host != "localhost" && !System.Net.IPAddress.TryParse(options.Host, out _))
        {
            errors.Add($"LiftWing:Admin:Host '{options.Host}' is not an IP address or localhost");
        }

        if (options.Port is < 1 or > 65535)
        {
            errors.Add($"LiftWing:Admin:Port {options.Port} is not a TCP port");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

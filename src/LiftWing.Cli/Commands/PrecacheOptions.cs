using LiftWing.Core.Caching;

namespace LiftWing.Cli.Commands;

/// <summary>The options of <c>precache</c> (the store and events-out options stay with their own groups).</summary>
internal sealed record PrecacheOptions(ModelSelection Models, string Events, int Concurrency, long? MaxEvents, CacheStoreKind? Store) : IVerbOptions
{
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        Models.Validate(errors);
        if (Models.Only.Count == 0)
        {
            errors.Add("--only: name the models to pre-compute.");
        }

        if (Store == CacheStoreKind.None)
        {
            errors.Add("--cache: precache needs a store: --cache sqlite|redis|memory.");
        }

        if (Concurrency < 1)
        {
            errors.Add("--concurrency must be at least 1.");
        }

        if (MaxEvents is <= 0)
        {
            errors.Add("--max-events must be positive.");
        }

        if (string.IsNullOrWhiteSpace(Events))
        {
            errors.Add("--events: give a file, - for standard input, or an http(s) URL.");
        }

        return errors;
    }
}

namespace LiftWing.Cli.Commands;

/// <summary>The options of <c>stream</c> that the verb checks itself (Redis and events-out keep their own groups).</summary>
internal sealed record StreamVerbOptions(ModelSelection Models, int Concurrency, double ClaimIdleSeconds, double ComputeClaimSeconds) : IVerbOptions
{
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        Models.Validate(errors);
        if (Concurrency < 1)
        {
            errors.Add("--concurrency must be at least 1.");
        }

        if (ClaimIdleSeconds <= 0)
        {
            errors.Add("--claim-idle must be positive.");
        }

        if (ComputeClaimSeconds <= 0)
        {
            errors.Add("--compute-claim must be positive.");
        }

        return errors;
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace LiftWing.FunctionalTests.Hardening;

/// <summary>
/// Signals when the server has finished a request (its pipeline returned, the model's work included), whether or not
/// the client is still there: a middleware in front of everything.
/// </summary>
internal sealed class RequestEndProbe : IStartupFilter
{
    public TaskCompletionSource Ended { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Reset() => Ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, inner) =>
        {
            try
            {
                await inner(context);
            }
            finally
            {
                if (context.Request.Method == "POST")
                {
                    Ended.TrySetResult();
                }
            }
        });
        next(app);
    };
}

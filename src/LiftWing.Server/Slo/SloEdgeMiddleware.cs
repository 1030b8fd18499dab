using Microsoft.AspNetCore.Http;

namespace LiftWing.Server.Slo;

/// <summary>
/// The outermost middleware: times each inference request from its arrival in the pipeline to the last byte
/// written (the response's completion), so queueing, the cache, error handling and the body write all count, as the
/// client sees them. The model's own stage timings cannot stand in for this (Lift Wing's Tone Check lesson).
/// </summary>
internal sealed class SloEdgeMiddleware(RequestDelegate next, SloRecorder recorder, TimeProvider time)
{
    private static readonly Func<object, Task> s_completed = static state =>
    {
        ((Completion)state).Record();
        return Task.CompletedTask;
    };

    public Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            return next(context);
        }

        var model = recorder.Find(SloEdgePaths.Model(context.Request.Path.Value));
        if (model is null)
        {
            return next(context);
        }

        context.Response.OnCompleted(s_completed, new Completion(recorder, time, model, context, time.GetTimestamp()));
        return next(context);
    }

    private sealed class Completion(SloRecorder recorder, TimeProvider time, SloModel model, HttpContext context, long start)
    {
        public void Record() => recorder.Record(model, context.Response.StatusCode, time.GetElapsedTime(start).TotalSeconds);
    }
}

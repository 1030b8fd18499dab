using Grpc.Core;
using Inference;

namespace LiftWing.Server.Protocols.Grpc;

/// <summary>
/// Collects the generated <see cref="Method{TRequest, TResponse}"/> objects of <c>inference.GRPCInferenceService</c>
/// (names, marshallers) by running the generated <c>BindService</c> against this binder, without an implementation.
/// </summary>
internal sealed class GeneratedMethodCollector : ServiceBinderBase
{
    private readonly Dictionary<string, IMethod> _methods = new(StringComparer.Ordinal);

    public static GeneratedMethodCollector Collect()
    {
        var collector = new GeneratedMethodCollector();
        GRPCInferenceService.BindService(collector, null!);
        return collector;
    }

    public Method<TRequest, TResponse> Get<TRequest, TResponse>(string name)
        where TRequest : class
        where TResponse : class =>
        (Method<TRequest, TResponse>)_methods[name];

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
        _methods.Add(method.Name, method);
}

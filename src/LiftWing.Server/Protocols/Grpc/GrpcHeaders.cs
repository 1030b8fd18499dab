using Grpc.Core;
using LiftWing.Server.Http;

namespace LiftWing.Server.Protocols.Grpc;

/// <summary>Request metadata passed to the model as headers (KServe's <c>to_headers(context)</c>), and the request id.</summary>
internal sealed record GrpcHeaders(string RequestId, IReadOnlyDictionary<string, string> Values)
{
    private const int MaxRequestIdLength = 200;

    public static GrpcHeaders From(ServerCallContext context)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in context.RequestHeaders)
        {
            // Binary (-bin) entries are not text headers; pseudo-headers are transport details.
            if (!entry.IsBinary && !entry.Key.StartsWith(':'))
            {
                values[entry.Key] = entry.Value;
            }
        }

        var id = values.TryGetValue(RequestIdMiddleware.HeaderName, out var given) && !string.IsNullOrWhiteSpace(given) && given.Length <= MaxRequestIdLength
            ? given
            : RequestIdMiddleware.Get(context.GetHttpContext());
        return new GrpcHeaders(id, values);
    }
}

using Grpc.Core;
using LiftWing.Core.Errors;

namespace LiftWing.Server.Protocols.Grpc;

/// <summary>
/// KServe's gRPC status mapping (its <c>interceptors.py</c>): bad input and model errors → INVALID_ARGUMENT,
/// not ready → UNAVAILABLE, unknown model → NOT_FOUND, not implemented → UNIMPLEMENTED, anything else → INTERNAL.
/// Messages come from the same <see cref="ErrorTable"/> as the REST edge.
/// </summary>
internal static class GrpcStatusMapper
{
    public static RpcException ToRpcException(Exception exception)
    {
        if (exception is RpcException rpc)
        {
            return rpc;
        }

        var (status, message) = ErrorTable.Map(exception);
        var code = exception switch
        {
            ModelNotFoundException => StatusCode.NotFound,
            ModelNotReadyException => StatusCode.Unavailable,
            InvalidInputException or InferenceException => StatusCode.InvalidArgument,
            NotImplementedException or NotSupportedException => StatusCode.Unimplemented,
            OperationCanceledException => StatusCode.DeadlineExceeded,
            LiftWingException => status switch
            {
                404 => StatusCode.NotFound,
                413 => StatusCode.ResourceExhausted,
                429 => StatusCode.ResourceExhausted,
                503 => StatusCode.Unavailable,
                504 => StatusCode.DeadlineExceeded,
                >= 400 and < 500 => StatusCode.InvalidArgument,
                _ => StatusCode.Internal,
            },
            _ => StatusCode.Internal,
        };
        return new RpcException(new Status(code, code == StatusCode.Internal && exception is not LiftWingException ? "Internal server error" : message));
    }
}

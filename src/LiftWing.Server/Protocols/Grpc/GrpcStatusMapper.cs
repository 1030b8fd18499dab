using Grpc.Core;
using LiftWing.Core.Errors;

namespace LiftWing.Server.Protocols.Grpc;

/// <summary>
/// KServe's gRPC status mapping (its <c>interceptors.py</c>) over the one <see cref="ErrorTable"/>: bad input and model
/// errors → INVALID_ARGUMENT, not ready → UNAVAILABLE, unknown model → NOT_FOUND, not implemented → UNIMPLEMENTED,
/// anything else → INTERNAL with the same message the REST edge gives (unexpected faults: "Internal server error").
/// </summary>
internal static class GrpcStatusMapper
{
    public static RpcException ToRpcException(Exception exception)
    {
        if (exception is RpcException rpc)
        {
            return rpc;
        }

        var (_, message, kind) = ErrorTable.Map(exception);
        var code = exception switch
        {
            // KServe answers InferenceError (a failure the model reports) with INVALID_ARGUMENT too; a bug stays INTERNAL.
            InferenceException { Kind: not ErrorKind.Unexpected } => StatusCode.InvalidArgument,
            NotImplementedException or NotSupportedException => StatusCode.Unimplemented,
            _ => kind switch
            {
                ErrorKind.InvalidInput or ErrorKind.Unprocessable or ErrorKind.UnsupportedMediaType or ErrorKind.MethodNotAllowed => StatusCode.InvalidArgument,
                ErrorKind.NotFound => StatusCode.NotFound,
                ErrorKind.NotImplemented => StatusCode.Unimplemented,
                ErrorKind.Unavailable or ErrorKind.BadGateway => StatusCode.Unavailable,
                ErrorKind.PayloadTooLarge or ErrorKind.TooManyRequests => StatusCode.ResourceExhausted,
                ErrorKind.Timeout => StatusCode.DeadlineExceeded,
                _ => StatusCode.Internal,
            },
        };
        return new RpcException(new Status(code, message));
    }
}

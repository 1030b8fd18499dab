using Google.Protobuf;
using Grpc.Core;

namespace LiftWing.Server.Protocols.Grpc;

/// <summary>
/// Wraps a generated request marshaller so that bytes which are not a valid protobuf message answer INVALID_ARGUMENT
/// naming the message type; the generated one throws, which Grpc.AspNetCore reports as UNKNOWN.
/// </summary>
internal static class StrictRequestMarshaller
{
    public static Marshaller<T> Wrap<T>(Marshaller<T> generated, string messageName)
        where T : class =>
        Marshallers.Create(generated.ContextualSerializer, context =>
        {
            try
            {
                return generated.ContextualDeserializer(context);
            }
            catch (InvalidProtocolBufferException ex)
            {
                throw Invalid(messageName, ex.Message);
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException or InvalidCastException)
            {
                // Other decoding failures (e.g. a bad string encoding) carry no message fit for a client.
                throw Invalid(messageName, "its bytes do not decode.");
            }
        });

    private static RpcException Invalid(string messageName, string problem) =>
        new(new Status(StatusCode.InvalidArgument, $"The request is not a valid {messageName} message: {problem}"));
}

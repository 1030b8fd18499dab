using System.ComponentModel.DataAnnotations;

namespace LiftWing.Server.Protocols.Grpc;

/// <summary>gRPC edge limits (KServe's <c>--grpc_max_receive_message_length</c> / <c>--grpc_max_send_message_length</c>). Bound from <c>LiftWing:Grpc</c>.</summary>
internal sealed class LiftWingGrpcOptions
{
    /// <summary>The h2c port on the server's host (<c>serve --grpc-port</c>, 8081 there as in KServe); 0 means no gRPC listener, the default for embedded hosts.</summary>
    [Range(0, 65535)]
    public int Port { get; set; }

    /// <summary>The largest request message in bytes; larger ones get RESOURCE_EXHAUSTED. The default is 10 MiB, as the REST body limit.</summary>
    [Range(1024, int.MaxValue)]
    public int MaxReceiveMessageBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The largest response message in bytes. The default is 64 MiB.</summary>
    [Range(1024, int.MaxValue)]
    public int MaxSendMessageBytes { get; set; } = 64 * 1024 * 1024;
}

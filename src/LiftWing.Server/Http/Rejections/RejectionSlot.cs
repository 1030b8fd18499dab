namespace LiftWing.Server.Http.Rejections;

/// <summary>
/// One HTTP/1 connection's view of Kestrel's rejection of its current request: set by
/// <see cref="KestrelRejectionListener"/> just before Kestrel writes its empty error response, read by
/// <see cref="ErrorBodyPipeWriter"/> to give that response the JSON error body.
/// </summary>
internal sealed class RejectionSlot
{
    private volatile Rejection? _rejection;

    /// <summary>The rejection, or null while the connection's requests are served normally.</summary>
    public Rejection? Rejection => _rejection;

    public void Set(Rejection rejection) => _rejection = rejection;
}

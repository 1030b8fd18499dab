namespace LiftWing.Core.Telemetry;

/// <summary>
/// Boxed HTTP status codes for metric tags (a tag value is an <c>object</c>): one box per code for the process instead
/// of one per request.
/// </summary>
internal static class StatusBox
{
    private static readonly object[] s_boxes = Create();

    /// <summary>The shared box for <paramref name="status"/> (a fresh one outside 100–599).</summary>
    public static object Get(int status) => (uint)(status - 100) < (uint)s_boxes.Length ? s_boxes[status - 100] : status;

    private static object[] Create()
    {
        var boxes = new object[500];
        for (var i = 0; i < boxes.Length; i++)
        {
            boxes[i] = i + 100;
        }

        return boxes;
    }
}

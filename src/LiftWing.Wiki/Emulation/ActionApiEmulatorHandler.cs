using System.Net;
using System.Text;
using System.Web;

namespace LiftWing.Wiki.Emulation;

/// <summary>
/// An in-process <see cref="HttpMessageHandler"/> that answers Action API GETs with an <see cref="ActionApiEmulator"/>: the
/// one a request carries (<see cref="EmulatorKey"/>; the offline named client of <c>AddMediaWiki()</c>, shared by every
/// <c>fixtures:</c> and <c>dump:</c> source), else the one given here.
/// </summary>
public sealed class ActionApiEmulatorHandler(ActionApiEmulator? emulator = null) : HttpMessageHandler
{
    /// <summary>The request option naming the emulator that answers it.</summary>
    public static readonly HttpRequestOptionsKey<ActionApiEmulator> EmulatorKey = new("LiftWing.MediaWiki.Emulator");

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri!;
        var answering = request.Options.TryGetValue(EmulatorKey, out var carried) ? carried : emulator;
        HttpResponseMessage response;
        if (answering is null || request.Method != HttpMethod.Get || !uri.AbsolutePath.EndsWith("/api.php", StringComparison.Ordinal))
        {
            response = new HttpResponseMessage(HttpStatusCode.NotFound);
        }
        else
        {
            var host = request.Headers.Host ?? uri.Host;
            var (status, json) = answering.Answer(host, HttpUtility.ParseQueryString(uri.Query));
            response = new HttpResponseMessage((HttpStatusCode)status)
            {
                Content = new StringContent(json, Encoding.UTF8, "application/json"),
            };
        }

        response.RequestMessage = request;
        return Task.FromResult(response);
    }
}

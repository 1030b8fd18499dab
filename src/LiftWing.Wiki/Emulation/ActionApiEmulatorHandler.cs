using System.Net;
using System.Text;
using System.Web;

namespace LiftWing.Wiki.Emulation;

/// <summary>An in-process <see cref="HttpMessageHandler"/> that answers Action API GETs with an <see cref="ActionApiEmulator"/>.</summary>
public sealed class ActionApiEmulatorHandler(ActionApiEmulator emulator) : HttpMessageHandler
{
    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        HttpResponseMessage response;
        if (request.Method != HttpMethod.Get || !uri.AbsolutePath.EndsWith("/api.php", StringComparison.Ordinal))
        {
            response = new HttpResponseMessage(HttpStatusCode.NotFound);
        }
        else
        {
            var host = request.Headers.Host ?? uri.Host;
            var (status, json) = emulator.Answer(host, HttpUtility.ParseQueryString(uri.Query));
            response = new HttpResponseMessage((HttpStatusCode)status)
            {
                Content = new StringContent(json, Encoding.UTF8, "application/json"),
            };
        }

        response.RequestMessage = request;
        return Task.FromResult(response);
    }
}

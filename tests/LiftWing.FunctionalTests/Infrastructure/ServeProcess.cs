using System.Diagnostics;
using System.Net;
using System.Text;

namespace LiftWing.FunctionalTests.Infrastructure;

/// <summary>Helpers for a <c>liftwing serve</c> process started by a test.</summary>
public static class ServeProcess
{
    /// <summary>Polls <c>GET /v2/health/ready</c> until 200; fails with the process output if it exits or times out.</summary>
    public static async Task WaitReadyAsync(HttpClient client, Process p, StringBuilder output, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !p.HasExited)
        {
            try
            {
                using var r = await client.GetAsync("v2/health/ready");
                if (r.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        Assert.Fail("serve did not become ready: " + output);
    }
}

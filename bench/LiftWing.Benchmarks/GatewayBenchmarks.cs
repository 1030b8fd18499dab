using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using LiftWing.Server.Gateway;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LiftWing.Benchmarks;

/// <summary>
/// The gateway's per-request CPU cost without the network: the edge/authentication middleware, which counts the rate
/// limit itself (in-process counters), for an anonymous request and one with a valid HS256 JWT. Compare with the
/// langid request's cost in docs/performance.md.
/// Run: <c>dotnet run -c Release --project bench/LiftWing.Benchmarks -- --filter '*GatewayBenchmarks*'</c>
/// </summary>
[MemoryDiagnoser]
public class GatewayBenchmarks
{
    private const string Key = "bench-hmac-key-0123456789abcdef-0123456789";
    private static readonly IPAddress s_client = IPAddress.Parse("198.51.100.7");
    private ServiceProvider _services = null!;
    private GatewayMiddleware _middleware = null!;
    private bool _reached;
    private string _bearer = null!;

    [GlobalSetup]
    public void Setup()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LiftWing:Gateway:RateLimits:Classes:anon"] = "1000000000/hour",
            ["LiftWing:Gateway:RateLimits:Classes:authed-user"] = "1000000000/hour",
            ["LiftWing:Gateway:Jwt:Issuers:0"] = "https://meta.wikimedia.org",
            ["LiftWing:Gateway:Jwt:HmacKeys:0"] = Key,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(config);
        services.AddLogging();
        services.AddLiftWingGateway();
        _services = services.BuildServiceProvider();
        _middleware = ActivatorUtilities.CreateInstance<GatewayMiddleware>(_services, (RequestDelegate)(_ =>
        {
            _reached = true;
            return Task.CompletedTask;
        }));
        _bearer = "Bearer " + new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "https://meta.wikimedia.org",
            Claims = new Dictionary<string, object> { ["sub"] = "bench", ["aud"] = "client" },
            Expires = DateTime.UtcNow.AddDays(1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Key)), SecurityAlgorithms.HmacSha256),
        });

        // Measure the success paths only: the token must be accepted and both requests counted and passed on.
        foreach (var auth in new[] { _bearer, null })
        {
            var c = Context(auth);
            _reached = false;
            _middleware.InvokeAsync(c).GetAwaiter().GetResult();
            if (c.Response.StatusCode != 200 || !_reached)
            {
                throw new InvalidOperationException($"gateway setup: status {c.Response.StatusCode}, passed on: {_reached}");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    private DefaultHttpContext Context(string? authorization)
    {
        var c = new DefaultHttpContext { RequestServices = _services };
        c.Request.Method = "POST";
        c.Request.Path = "/v1/models/langid:predict";
        c.Connection.RemoteIpAddress = s_client;
        if (authorization is not null)
        {
            c.Request.Headers.Authorization = authorization;
        }

        return c;
    }

    [Benchmark(Baseline = true, Description = "context only")]
    public DefaultHttpContext ContextOnly() => Context(null);

    [Benchmark(Description = "anonymous: middleware + in-process limit")]
    public Task AnonymousLimited() => _middleware.InvokeAsync(Context(null));

    [Benchmark(Description = "JWT: middleware + in-process limit")]
    public Task JwtLimited() => _middleware.InvokeAsync(Context(_bearer));
}

using System.IO.Pipelines;

namespace LiftWing.Server.Http.Rejections;

/// <summary>A connection's transport with its output replaced.</summary>
internal sealed record DuplexPipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;

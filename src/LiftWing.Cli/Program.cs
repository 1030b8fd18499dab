using System.CommandLine;
using LiftWing.Cli.Commands;

var root = new RootCommand("liftwing: serve machine-learning models about Wikipedia and Wikimedia Commons, Lift Wing-compatible.")
{
    ServeCommand.Create(),
    ModelsCommand.Create(),
    PredictCommand.Create(),
    LoadTestCommand.Create(),
    TrainCommand.Create(),
    PrecacheCommand.Create(),
    CacheCommand.Create(),
    SloCommand.Create(),
    StreamCommand.Create(),
};
// On SIGTERM/SIGINT the token passed to each command is cancelled; System.CommandLine then force-exits after this
// timeout (2 s by default), which would cut serve's drain of in-flight requests (LiftWing:Server:ShutdownTimeout, 30 s).
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(45) };
return await root.Parse(args).InvokeAsync(invocation).ConfigureAwait(false);

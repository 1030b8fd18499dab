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
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);

using System.CommandLine;
using System.Text;
using System.Text.Json;
using LiftWing.Core.Errors;
using LiftWing.Core.Inference;
using LiftWing.Core.Repository;
using LiftWing.Core.Tensors;
using Microsoft.Extensions.DependencyInjection;

namespace LiftWing.Cli.Commands;

/// <summary><c>liftwing predict &lt;model&gt; &lt;json-file|-&gt;</c>: one request in process, response on stdout.</summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "The model name." };
        var input = new Argument<string>("input") { Description = "A JSON request file, or - for standard input." };
        var v2 = new Option<bool>("--v2") { Description = "Treat the input as a V2 (Open Inference Protocol) infer request." };
        var models = CommonOptions.ModelsDir();
        var command = new Command("predict", "Run one request through a model in process and print the response.") { model, input, v2, models };
        command.SetAction(async (parse, ct) =>
        {
            var options = new PredictOptions(parse.GetValue(models)!, parse.GetValue(model)!, parse.GetValue(input)!, parse.GetValue(v2));
            if (await VerbOptions.RejectAsync(options).ConfigureAwait(false) is { } bad)
            {
                return bad;
            }

            var (name, file) = (options.Model, options.Input);
            string text;
            try
            {
                text = file == "-" ? await Console.In.ReadToEndAsync(ct).ConfigureAwait(false) : await File.ReadAllTextAsync(file, ct).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
                return 2;
            }

            await using var sp = InProcessServices.Build(options.Models.ToConfiguration());
            var repo = sp.GetRequiredService<ModelRepository>();
            await repo.LoadFromDirectoryAsync(ct).ConfigureAwait(false);
            if (repo.TryGet(name, out var m) && !m.State.IsReady)
            {
                await Console.Error.WriteLineAsync($"Model {name} is not ready: {m.State.Reason}").ConfigureAwait(false);
            }

            var inference = sp.GetRequiredService<InferenceService>();
            try
            {
                using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64 });
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new InvalidInputException("Please verify that request input is a json dict");
                }

                var isV2 = options.V2;
                var request = new InferenceRequest
                {
                    ModelName = name,
                    Protocol = isV2 ? InferenceProtocol.V2 : InferenceProtocol.V1,
                    Body = doc.RootElement,
                    Tensors = isV2 ? V2JsonCodec.DecodeRequest(doc.RootElement) : null,
                    RequestId = Guid.NewGuid().ToString("N"),
                };
                var response = await inference.InferAsync(request, ct).ConfigureAwait(false);
                var bytes = response.Tensors is { } t ? V2JsonCodec.EncodeResponse(V2Outputs.Apply(t, request.Tensors!)) : response.Json.ToArray();
                Console.WriteLine(Encoding.UTF8.GetString(bytes));
                return response.StatusCode < 400 ? 0 : 1;
            }
            catch (Exception ex) when (ex is LiftWingException or JsonException)
            {
                var (status, message, kind) = ex is JsonException ? (400, $"Unrecognized request format: {ex.Message}", ErrorKind.InvalidInput) : ErrorTable.Map(ex);
                if (kind == ErrorKind.Unexpected)
                {
                    // The operator at the terminal gets what a server would only log.
                    await Console.Error.WriteLineAsync(ex.ToString()).ConfigureAwait(false);
                }

                // The same body the server writes: {"error"} or, where Lift Wing raises HTTPException, {"detail"}.
                Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, string> { [ErrorTable.BodyKeyOf(ErrorTable.BodyStyleOf(ex))] = message }));
                await Console.Error.WriteLineAsync($"HTTP {status}").ConfigureAwait(false);
                return 1;
            }
        });
        return command;
    }
}

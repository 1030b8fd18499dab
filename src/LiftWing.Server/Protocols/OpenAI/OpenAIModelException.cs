using LiftWing.Core.Errors;

namespace LiftWing.Server.Protocols.OpenAI;

/// <summary>The model exists but is not an OpenAI embeddings model: 404 with <c>param: "model"</c>.</summary>
internal sealed class OpenAIModelException(string message) : LiftWingException(ErrorKind.NotFound, message);

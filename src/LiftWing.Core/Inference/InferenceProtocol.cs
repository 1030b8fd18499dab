namespace LiftWing.Core.Inference;

/// <summary>Which protocol adapter a request came through.</summary>
public enum InferenceProtocol
{
    /// <summary>Lift Wing / KServe V1: a JSON object in, the model's JSON out.</summary>
    V1,

    /// <summary>Open Inference Protocol V2: tensors in and out.</summary>
    V2,

    /// <summary>OpenAI-compatible endpoints: the adapter builds a V1-style JSON body.</summary>
    OpenAI,
}

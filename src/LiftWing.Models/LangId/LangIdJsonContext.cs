using System.Text.Json.Serialization;

namespace LiftWing.Models.LangId;

/// <summary>Source-generated serialisation of langid responses (non-ASCII names are written as is).</summary>
[JsonSerializable(typeof(LangIdPrediction))]
[JsonSerializable(typeof(LangIdBatchResponse))]
internal sealed partial class LangIdJsonContext : JsonSerializerContext;

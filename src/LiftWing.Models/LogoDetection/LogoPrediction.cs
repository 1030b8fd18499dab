namespace LiftWing.Models.LogoDetection;

/// <summary>One image's scores: p(logo) and the out-of-domain score (see the head's documentation).</summary>
public sealed record LogoPrediction(string Filename, double Prediction, double OutOfDomain);

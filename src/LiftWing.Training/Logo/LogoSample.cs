namespace LiftWing.Training.Logo;

/// <summary>
/// One training image: an id, the group it belongs to (crops of one photo share a group, so the split never
/// puts a photo's crops on both sides), its label, and how to produce its encoded bytes.
/// </summary>
internal sealed record LogoSample(string Id, string Group, bool IsLogo, string Source, Func<byte[]> Encode);

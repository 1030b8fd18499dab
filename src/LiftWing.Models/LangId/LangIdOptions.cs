using System.ComponentModel.DataAnnotations;

namespace LiftWing.Models.LangId;

/// <summary>Options of the <c>langid</c> server (<c>options:</c> in model.yaml, snake_case).</summary>
internal sealed class LangIdOptions
{
    /// <summary>Characters (code points) kept after whitespace is collapsed: Lift Wing's MAX_TEXT_LENGTH. The default is 100.</summary>
    [Range(1, 1_000_000)]
    public int MaxTextLength { get; set; } = 100;

    /// <summary>The label table (label, language, wikicode, language_name), relative to the model folder. The default is languages.tsv.</summary>
    [Required]
    public string Languages { get; set; } = "languages.tsv";

    /// <summary>The most items in one <c>{"instances": [...]}</c> request. The default is 100.</summary>
    [Range(1, 100_000)]
    public int MaxInstances { get; set; } = 100;

    /// <summary>The largest <c>k</c> a request may ask for (never more than the model's labels). The default is 176.</summary>
    [Range(1, 10_000)]
    public int MaxK { get; set; } = 176;
}

namespace LiftWing.Runtimes.Tests.FastText;

/// <summary>Texts of our own for the lid.176 oracle: scripts, mixed languages, empty, emoji, very long.</summary>
internal static class LangIdTexts
{
    public static IReadOnlyList<string> All { get; } =
    [
        "The quick brown fox jumps over the lazy dog",
        "Der schnelle braune Fuchs springt über den faulen Hund",
        "Le vif renard brun saute par-dessus le chien paresseux",
        "El rápido zorro marrón salta sobre el perro perezoso",
        "Быстрая коричневая лиса перепрыгивает через ленивую собаку",
        "الثعلب البني السريع يقفز فوق الكلب الكسول",
        "तेज़ भूरी लोमड़ी आलसी कुत्ते के ऊपर कूदती है",
        "빠른 갈색 여우가 게으른 개를 뛰어넘는다",
        "สุนัขจิ้งจอกสีน้ำตาลกระโดดข้ามสุนัขขี้เกียจ",
        "Η γρήγορη καφέ αλεπού πηδάει πάνω από τον τεμπέλη σκύλο",
        "השועל החום המהיר קופץ מעל הכלב העצלן",
        "敏捷的棕色狐狸跳过了懒狗",
        "敏 捷 的 棕 色 狐 狸",
        "こんにちは世界",
        "Wikipedia is a free online encyclopedia, Wikipedia ist eine freie Online-Enzyklopädie",
        "Ich bin ein Berliner, and I like pizza con funghi",
        "Tämä on suomenkielinen lause.",
        "Dit is een Nederlandse zin over Wikipedia.",
        "",
        "   ",
        "\t \v ",
        "😀😀😀",
        "I love it 😍🔥 c'est magnifique",
        "12345 67890",
        "https://de.wikipedia.org/wiki/Fuchs",
        "__label__de",
        "a",
        "ß",
        "Ω",
        string.Concat(Enumerable.Repeat("Lorem ipsum dolor sit amet, consectetur adipiscing elit. ", 180)),
        string.Concat(Enumerable.Repeat("Wikipedia ist ein Projekt zum Aufbau einer Enzyklopädie aus freien Inhalten. ", 130)),
        string.Concat(Enumerable.Repeat("維基百科是一個自由內容的網路百科全書", 200)),
    ];
}

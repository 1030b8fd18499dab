using System.Collections.Frozen;

namespace LiftWing.Wiki.EditTypes;

/// <summary>
/// Local names of the File (6, with Media -2) and Category (14) namespaces, from each wiki's siteinfo, for
/// the larger Wikipedias. Link titles are compared lower-cased; English names work on every wiki.
/// </summary>
internal static class NamespaceNames
{
    private static readonly string[] s_mediaCanonical = ["File", "Image", "Media"];
    private static readonly string[] s_categoryCanonical = ["Category"];

    private static readonly FrozenDictionary<string, string[]> s_media = new Dictionary<string, string[]>
    {
        ["ar"] = ["ملف", "صورة", "ميديا", "وسائط"],
        ["ca"] = ["Fitxer", "Imatge"],
        ["cs"] = ["Soubor", "Obrázek", "Média"],
        ["da"] = ["Fil", "Billede"],
        ["de"] = ["Datei", "Bild", "Medium"],
        ["es"] = ["Archivo", "Imagen", "Medio"],
        ["fa"] = ["پرونده", "تصویر", "رسانه", "مدیا"],
        ["fi"] = ["Tiedosto", "Kuva"],
        ["fr"] = ["Fichier", "Média"],
        ["he"] = ["קובץ", "תמונה", "מדיה"],
        ["hu"] = ["Fájl", "Kép", "Média"],
        ["id"] = ["Berkas", "Gambar"],
        ["it"] = ["Immagine"],
        ["ja"] = ["ファイル", "画像", "メディア"],
        ["ko"] = ["파일", "그림", "미디어"],
        ["nl"] = ["Bestand", "Afbeelding"],
        ["no"] = ["Fil", "Bilde", "Medium"],
        ["pl"] = ["Plik", "Grafika"],
        ["pt"] = ["Ficheiro", "Arquivo", "Imagem", "Multimédia"],
        ["ro"] = ["Fișier", "Fişier", "Imagine"],
        ["ru"] = ["Файл", "Изображение", "Медиа"],
        ["sv"] = ["Fil", "Bild"],
        ["tr"] = ["Dosya", "Resim", "Medya"],
        ["uk"] = ["Файл", "Зображення", "Медіа", "Медиа", "Изображение"],
        ["vi"] = ["Tập tin", "Tập_tin", "Hình", "Phương tiện", "Phương_tiện"],
        ["zh"] = ["文件", "档案", "檔案", "图像", "圖像", "媒体", "媒體", "媒体文件"],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string[]> s_category = new Dictionary<string, string[]>
    {
        ["ar"] = ["تصنيف"],
        ["ca"] = ["Categoria"],
        ["cs"] = ["Kategorie"],
        ["da"] = ["Kategori"],
        ["de"] = ["Kategorie"],
        ["es"] = ["Categoría"],
        ["fa"] = ["رده"],
        ["fi"] = ["Luokka"],
        ["fr"] = ["Catégorie"],
        ["he"] = ["קטגוריה"],
        ["hu"] = ["Kategória"],
        ["id"] = ["Kategori"],
        ["it"] = ["Categoria"],
        ["ja"] = ["カテゴリ"],
        ["ko"] = ["분류"],
        ["nl"] = ["Categorie"],
        ["no"] = ["Kategori"],
        ["pl"] = ["Kategoria"],
        ["pt"] = ["Categoria"],
        ["ro"] = ["Categorie"],
        ["ru"] = ["Категория"],
        ["sv"] = ["Kategori"],
        ["tr"] = ["Kategori"],
        ["uk"] = ["Категорія", "Категория"],
        ["vi"] = ["Thể loại", "Thể_loại"],
        ["zh"] = ["分类", "分類"],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Lower-cased media prefixes for a language.</summary>
    public static FrozenSet<string> MediaPrefixes(string lang) => Lower(s_mediaCanonical, s_media.GetValueOrDefault(lang));

    /// <summary>Lower-cased category prefixes for a language.</summary>
    public static FrozenSet<string> CategoryPrefixes(string lang) => Lower(s_categoryCanonical, s_category.GetValueOrDefault(lang));

    private static FrozenSet<string> Lower(string[] canonical, string[]? local) =>
        canonical.Concat(local ?? []).Select(static p => p.ToLowerInvariant()).ToFrozenSet(StringComparer.Ordinal);
}

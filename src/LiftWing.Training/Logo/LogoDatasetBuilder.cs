using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SkiaSharp;

namespace LiftWing.Training.Logo;

/// <summary>
/// Builds the labelled set. Logos: every cryptocurrency-icons 128 px colour PNG and a spread of simple-icons SVGs,
/// rasterised in their brand colour at varied sizes and aspect ratios, some as JPEG, some inverted on a dark
/// ground. Not logos: the natural photos of opencv-doc and scikit-image, each as a small thumbnail and as random
/// crops (scale, flip, JPEG quality), since Commons thumbnails are what Lift Wing sees. Synthetic test patterns
/// and the packages' own logos are left out of training; the logos are kept as an extra check.
/// </summary>
internal sealed class LogoDatasetBuilder(LogoDataSources sources, LogoDatasetOptions options)
{
    // Natural or photographed images; left/right chessboard shots are grouped by name without digits.
    private static readonly string[] OpenCvPhotos =
    [
        "Blender_Suzanne1.jpg", "Blender_Suzanne2.jpg", "HappyFish.jpg", "aero1.jpg", "aero3.jpg", "aloeL.jpg", "aloeR.jpg",
        "apple.jpg", "baboon.jpg", "basketball1.png", "basketball2.png", "board.jpg", "box.png", "box_in_scene.png",
        "building.jpg", "butterfly.jpg", "cards.png", "chicky_512.png", "ela_original.jpg", "fruits.jpg", "graf1.png",
        "graf3.png", "home.jpg", "left01.jpg", "left02.jpg", "left03.jpg", "left04.jpg", "left05.jpg", "left06.jpg",
        "left07.jpg", "left08.jpg", "left09.jpg", "left11.jpg", "left12.jpg", "left13.jpg", "left14.jpg", "leuvenA.jpg",
        "leuvenB.jpg", "licenseplate_motion.jpg", "messi5.jpg", "orange.jpg", "right01.jpg", "right02.jpg", "rubberwhale1.png",
        "rubberwhale2.png", "smarties.png", "squirrel_cls.jpg", "starry_night.jpg", "stuff.jpg", "sudoku.png",
        "text_defocus.jpg", "text_motion.jpg",
    ];

    private static readonly string[] SkimagePhotos =
    [
        "astronaut.png", "brick.png", "camera.png", "cell.png", "chelsea.png", "clock_motion.png", "coffee.png", "coins.png",
        "grass.png", "gravel.png", "hubble_deep_field.jpg", "ihc.png", "microaneurysms.png", "moon.png", "motorcycle_left.png",
        "motorcycle_right.png", "page.png", "retina.jpg", "rocket.jpg",
    ];

    /// <summary>Logos shipped inside the photo packages: scored after training, never trained on.</summary>
    public IReadOnlyList<(string Name, string Path)> ExtraLogos =>
    [
        ("opencv-doc/LinuxLogo.jpg", Path.Combine(sources.OpenCvDataDirectory, "LinuxLogo.jpg")),
        ("opencv-doc/WindowsLogo.jpg", Path.Combine(sources.OpenCvDataDirectory, "WindowsLogo.jpg")),
        ("opencv-doc/opencv-logo.png", Path.Combine(sources.OpenCvDataDirectory, "opencv-logo.png")),
        ("opencv-doc/opencv-logo-white.png", Path.Combine(sources.OpenCvDataDirectory, "opencv-logo-white.png")),
        ("python3-skimage/logo.png", Path.Combine(sources.SkimageDataDirectory, "logo.png")),
    ];

    /// <summary>All samples, in a fixed order.</summary>
    public IReadOnlyList<LogoSample> Build()
    {
        var samples = new List<LogoSample>();
        foreach (var png in Directory.EnumerateFiles(sources.CryptoPngDirectory, "*.png").Order(StringComparer.Ordinal))
        {
            var id = "cryptocurrency-icons/" + Path.GetFileName(png);
            samples.Add(new LogoSample(id, id, true, "cryptocurrency-icons", () => File.ReadAllBytes(png)));
        }

        var icons = ReadSimpleIcons();
        var step = Math.Max(1, icons.Count / Math.Max(1, options.SimpleIcons));
        for (var i = 0; i < icons.Count && samples.Count(s => s.Source == "simple-icons") < options.SimpleIcons; i += step)
        {
            var (slug, hex) = icons[i];
            var svgPath = Path.Combine(sources.SimpleIconsDirectory, slug + ".svg");
            if (!File.Exists(svgPath))
            {
                continue;
            }

            var id = "simple-icons/" + slug;
            samples.Add(new LogoSample(id, id, true, "simple-icons", () => RenderIcon(svgPath, hex, RandomFor(id))));
        }

        AddPhotos(samples, "opencv-doc", sources.OpenCvDataDirectory, OpenCvPhotos);
        AddPhotos(samples, "python3-skimage", sources.SkimageDataDirectory, SkimagePhotos);
        return samples;
    }

    private void AddPhotos(List<LogoSample> samples, string source, string dir, string[] names)
    {
        foreach (var name in names)
        {
            var path = Path.Combine(dir, name);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"{source} has no {name}; the package version changed?", path);
            }

            var group = source + "/" + new string(Path.GetFileNameWithoutExtension(name).Where(c => !char.IsAsciiDigit(c)).ToArray());
            var thumbId = $"{source}/{name}#thumb";
            samples.Add(new LogoSample(thumbId, group, false, source, () => Thumbnail(path, RandomFor(thumbId))));
            for (var k = 0; k < options.CropsPerPhoto; k++)
            {
                var id = $"{source}/{name}#crop{k}";
                samples.Add(new LogoSample(id, group, false, source, () => Crop(path, RandomFor(id))));
            }
        }
    }

    private List<(string Slug, string Hex)> ReadSimpleIcons()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(sources.SimpleIconsJson));
        var root = doc.RootElement.ValueKind == JsonValueKind.Array ? doc.RootElement : doc.RootElement.GetProperty("icons");
        return root.EnumerateArray()
            .Select(e => (Slug: e.GetProperty("slug").GetString()!, Hex: e.GetProperty("hex").GetString()!))
            .OrderBy(t => t.Slug, StringComparer.Ordinal)
            .ToList();
    }

    private Random RandomFor(string id) =>
        new(options.Seed ^ BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(id)), 0));

    /// <summary>Rasterises a one-colour SVG icon in its brand colour onto a padded canvas.</summary>
    internal static byte[] RenderIcon(string svgPath, string hex, Random rnd)
    {
        var color = SKColor.Parse("#" + hex);
        var luminance = (0.299 * color.Red) + (0.587 * color.Green) + (0.114 * color.Blue);
        var dark = rnd.NextDouble() < 0.2;
        SKColor background;
        SKColor ink;
        if (dark)
        {
            background = luminance < 100 ? color.WithAlpha(255) : new SKColor(24, 24, 24);
            ink = luminance < 100 ? SKColors.White : color;
        }
        else
        {
            background = rnd.NextDouble() < 0.5 ? SKColors.Transparent : SKColors.White;
            ink = luminance > 215 ? SKColors.Black : color;
        }

        var height = rnd.Next(64, 321);
        var aspect = rnd.NextDouble() < 0.5 ? 1.0 : 1.0 + (rnd.NextDouble() * 2.0);
        var width = (int)(height * aspect);
        var svgText = File.ReadAllText(svgPath).Replace("<svg ", $"<svg fill=\"#{ink.Red:X2}{ink.Green:X2}{ink.Blue:X2}\" ", StringComparison.Ordinal);
        using var svg = new Svg.Skia.SKSvg();
        using var picture = svg.FromSvg(svgText) ?? throw new InvalidDataException($"{svgPath}: not a renderable SVG.");
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(background);
            var bounds = picture.CullRect;
            var fill = 0.5 + (rnd.NextDouble() * 0.4);
            var scale = (float)(Math.Min(width, height) * fill / Math.Max(bounds.Width, bounds.Height));
            canvas.Translate((width - (bounds.Width * scale)) / 2f, (height - (bounds.Height * scale)) / 2f);
            canvas.Scale(scale);
            canvas.Translate(-bounds.Left, -bounds.Top);
            canvas.DrawPicture(picture);
        }

        var asJpeg = background != SKColors.Transparent && rnd.NextDouble() < 0.3;
        return Encode(bitmap, asJpeg ? SKEncodedImageFormat.Jpeg : SKEncodedImageFormat.Png, 90);
    }

    private static byte[] Thumbnail(string path, Random rnd)
    {
        using var source = SKBitmap.Decode(path) ?? throw new InvalidDataException($"{path}: cannot decode.");
        var longest = rnd.Next(90, 161);
        return ResizeAndEncode(source, new SKRectI(0, 0, source.Width, source.Height), longest, flip: false, quality: 85);
    }

    private static byte[] Crop(string path, Random rnd)
    {
        using var source = SKBitmap.Decode(path) ?? throw new InvalidDataException($"{path}: cannot decode.");
        var fraction = 0.45 + (rnd.NextDouble() * 0.55);
        var w = Math.Max(16, (int)(source.Width * fraction * (0.8 + (rnd.NextDouble() * 0.2))));
        var h = Math.Max(16, (int)(source.Height * fraction * (0.8 + (rnd.NextDouble() * 0.2))));
        w = Math.Min(w, source.Width);
        h = Math.Min(h, source.Height);
        var x = rnd.Next(0, source.Width - w + 1);
        var y = rnd.Next(0, source.Height - h + 1);
        var longest = rnd.Next(80, 513);
        return ResizeAndEncode(source, new SKRectI(x, y, x + w, y + h), longest, flip: rnd.NextDouble() < 0.5, quality: rnd.Next(70, 96));
    }

    private static byte[] ResizeAndEncode(SKBitmap source, SKRectI region, int longest, bool flip, int quality)
    {
        var scale = (float)longest / Math.Max(region.Width, region.Height);
        var w = Math.Max(8, (int)Math.Round(region.Width * scale));
        var h = Math.Max(8, (int)Math.Round(region.Height * scale));
        using var bitmap = new SKBitmap(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        using (var image = SKImage.FromBitmap(source))
        {
            canvas.Clear(SKColors.White);
            if (flip)
            {
                canvas.Scale(-1, 1, w / 2f, 0);
            }

            canvas.DrawImage(image, SKRect.Create(region.Left, region.Top, region.Width, region.Height), SKRect.Create(0, 0, w, h), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        }

        return Encode(bitmap, SKEncodedImageFormat.Jpeg, quality);
    }

    private static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format, int quality)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, quality) ?? throw new InvalidOperationException($"could not encode {format}.");
        return data.ToArray();
    }

    /// <summary>A stable id → number in [0, 100), used for the group split.</summary>
    public static int Bucket(string group) =>
        (int)(BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(group)), 0) % 100);

    internal static string Invariant(double v) => v.ToString("0.0000", CultureInfo.InvariantCulture);
}

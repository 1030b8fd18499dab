using System.Text;

namespace LiftWing.Runtimes.Tests.FastText;

/// <summary>Writes a <see cref="FastTextModelSpec"/> in fastText 0.9.2's binary layout (Args, Dictionary, matrices).</summary>
internal static class FastTextModelWriter
{
    public static byte[] ToBytes(FastTextModelSpec spec)
    {
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, Encoding.UTF8, leaveOpen: true))
        {
            Write(w, spec);
        }

        return ms.ToArray();
    }

    public static string WriteFile(FastTextModelSpec spec, string directory, string name)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, ToBytes(spec));
        return path;
    }

    private static void Write(BinaryWriter w, FastTextModelSpec s)
    {
        w.Write(s.Magic);
        w.Write(s.Version);
        foreach (var v in new[] { s.Dim, 5, 5, 1, 5, s.WordNgrams, s.Loss, s.ModelKind, s.Bucket, s.MinN, s.MaxN, 100 })
        {
            w.Write(v);
        }

        w.Write(1e-4);
        w.Write(s.Entries.Count);
        w.Write(s.NWords);
        w.Write(s.NLabels);
        w.Write(s.Entries.Sum(e => e.Count));
        w.Write((long)(s.Prune?.Count ?? -1));
        foreach (var (entry, count, isLabel) in s.Entries)
        {
            w.Write(Encoding.UTF8.GetBytes(entry));
            w.Write((byte)0);
            w.Write(count);
            w.Write((byte)(isLabel ? 1 : 0));
        }

        foreach (var (from, to) in s.Prune ?? [])
        {
            w.Write(from);
            w.Write(to);
        }

        w.Write(s.QuantInput is not null);
        WriteMatrix(w, s.Input, s.QuantInput);
        w.Write(s.QuantOutput is not null);
        WriteMatrix(w, s.Output, s.QuantOutput);
    }

    private static void WriteMatrix(BinaryWriter w, float[][]? dense, FastTextModelSpec.QuantSpec? quant)
    {
        if (quant is null)
        {
            var rows = dense!;
            w.Write((long)rows.Length);
            w.Write((long)(rows.Length == 0 ? 0 : rows[0].Length));
            foreach (var row in rows)
            {
                foreach (var v in row)
                {
                    w.Write(v);
                }
            }

            return;
        }

        w.Write(quant.NormCodes is not null);
        w.Write((long)quant.Rows);
        w.Write((long)quant.Dim);
        w.Write(quant.Codes.Length);
        w.Write(quant.Codes);
        WritePq(w, quant.Dim, quant.NSubq, quant.DSub, quant.LastDSub, quant.Centroids);
        if (quant.NormCodes is not null)
        {
            w.Write(quant.NormCodes);
            WritePq(w, 1, 1, 1, 1, quant.NormCentroids);
        }
    }

    private static void WritePq(BinaryWriter w, int dim, int nsubq, int dsub, int lastdsub, float[] centroids)
    {
        w.Write(dim);
        w.Write(nsubq);
        w.Write(dsub);
        w.Write(lastdsub);
        foreach (var v in centroids)
        {
            w.Write(v);
        }
    }
}

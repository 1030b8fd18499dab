using System.Text;

namespace LiftWing.Training.Data;

/// <summary>
/// A small RFC 4180 CSV reader (quoted fields, doubled quotes, newlines inside quotes). The revert-risk sample keeps
/// Python-literal lists of diff text in its cells, so naive splitting on commas or lines is wrong.
/// </summary>
internal static class CsvReader
{
    /// <summary>Reads a CSV with a header row into dictionaries keyed by column name.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> ReadWithHeader(TextReader reader)
    {
        var records = ReadRecords(reader).ToList();
        if (records.Count == 0)
        {
            throw new InvalidDataException("the CSV is empty (no header)");
        }

        var header = records[0];
        var rows = new List<IReadOnlyDictionary<string, string>>(records.Count - 1);
        for (var r = 1; r < records.Count; r++)
        {
            var record = records[r];
            if (record.Count == 1 && record[0].Length == 0)
            {
                continue;
            }

            if (record.Count != header.Count)
            {
                throw new InvalidDataException($"CSV record {r} has {record.Count} fields, the header has {header.Count}");
            }

            var row = new Dictionary<string, string>(header.Count, StringComparer.Ordinal);
            for (var c = 0; c < header.Count; c++)
            {
                row[header[c]] = record[c];
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Reads raw records.</summary>
    public static IEnumerable<IReadOnlyList<string>> ReadRecords(TextReader reader)
    {
        var field = new StringBuilder();
        var record = new List<string>();
        var inQuotes = false;
        var any = false;
        int ch;
        while ((ch = reader.Read()) != -1)
        {
            any = true;
            var c = (char)ch;
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                inQuotes = true;
            }
            else if (c == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && reader.Peek() == '\n')
                {
                    reader.Read();
                }

                record.Add(field.ToString());
                field.Clear();
                yield return record;
                record = [];
                any = false;
            }
            else
            {
                field.Append(c);
            }
        }

        if (inQuotes)
        {
            throw new InvalidDataException("the CSV ends inside a quoted field");
        }

        if (any)
        {
            record.Add(field.ToString());
            yield return record;
        }
    }
}

using System.Text.Unicode;

namespace ClientReminders.Clients.Import;

/// <summary>Tells the encoding of a file from its first bytes: a byte order mark, else UTF-8 if the bytes are valid UTF-8, else Windows-1252.</summary>
public static class CsvEncoding
{
    public const int SampleSize = 64 * 1024;

    private static readonly Lazy<Encoding> Windows1252Encoding = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    });

    public static Encoding Windows1252 => Windows1252Encoding.Value;

    /// <summary>The encoding and the length of its byte order mark; <paramref name="complete"/> says whether <paramref name="head"/> is the whole file.</summary>
    public static (Encoding Encoding, int BomLength) Detect(ReadOnlySpan<byte> head, bool complete)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (Encoding.UTF8, 3);
        }
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (Encoding.Unicode, 2);
        }
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (Encoding.BigEndianUnicode, 2);
        }
        return IsUtf8(head, complete) ? (Encoding.UTF8, 0) : (Windows1252, 0);
    }

    private static bool IsUtf8(ReadOnlySpan<byte> head, bool complete)
    {
        var end = head.Length;
        if (!complete)
        {
            // The sample may cut a multi-byte character in two; only its start is checked.
            for (var i = head.Length - 1; i >= Math.Max(0, head.Length - 4); i--)
            {
                var b = head[i];
                if ((b & 0xC0) == 0x80)
                {
                    continue;
                }
                var needed =
                    b >= 0xF0 ? 4
                    : b >= 0xE0 ? 3
                    : b >= 0xC0 ? 2
                    : 1;
                if (head.Length - i < needed)
                {
                    end = i;
                }
                break;
            }
        }
        return Utf8.IsValid(head[..end]);
    }
}

using System.Buffers;

namespace ClientReminders.Reminders.Templates;

/// <summary>How an SMS body is encoded: <paramref name="Characters"/> counts code points, <paramref name="Units"/> septets (GSM-7) or UTF-16 units (UCS-2).</summary>
public sealed record SmsInfo(string Encoding, int Characters, int Units, int Segments);

/// <summary>Counts the septets or UTF-16 units of an SMS body and the segments it is sent in.</summary>
public static class SmsEncoding
{
    public const string Gsm7 = "GSM-7";
    public const string Ucs2 = "UCS-2";

    private const string BasicSet =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private const string ExtensionSet = "\f^{}\\[~]|€";

    private static readonly SearchValues<char> Gsm = SearchValues.Create(BasicSet + ExtensionSet);
    private static readonly SearchValues<char> Extension = SearchValues.Create(ExtensionSet);

    public static SmsInfo Analyze(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var runes = body.EnumerateRunes().ToList();
        var gsm = !body.AsSpan().ContainsAnyExcept(Gsm);
        var widths = gsm ? runes.Select(r => Extension.Contains((char)r.Value) ? 2 : 1).ToList() : runes.Select(r => r.Utf16SequenceLength).ToList();
        var units = widths.Sum();
        var segments =
            units == 0 ? 0
            : units <= (gsm ? 160 : 70) ? 1
            : Pack(widths, gsm ? 153 : 67);
        return new SmsInfo(gsm ? Gsm7 : Ucs2, runes.Count, units, segments);
    }

    // Fills each segment in order; a character that does not fit whole (an escape pair, a surrogate pair) starts the next one.
    private static int Pack(List<int> widths, int perSegment)
    {
        var segments = 1;
        var used = 0;
        foreach (var width in widths)
        {
            if (used + width > perSegment)
            {
                segments++;
                used = 0;
            }
            used += width;
        }
        return segments;
    }
}

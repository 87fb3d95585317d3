namespace ClientReminders.Clients.Import;

/// <summary>Decodes a stream a buffer at a time, with one character of look-ahead and a string that can be put back in front.</summary>
internal sealed class CharSource(Stream stream, Decoder decoder, byte[] bytes, int byteStart, int byteEnd, bool streamEnded)
{
    public const int End = -1;

    private readonly char[] chars = new char[8 * 1024];
    private int charPos;
    private int charEnd;
    private string pushedBack = "";
    private int pushedPos;
    private bool flushed;

    public ValueTask<int> ReadAsync(CancellationToken cancellationToken)
    {
        if (pushedPos < pushedBack.Length)
        {
            return new(pushedBack[pushedPos++]);
        }
        if (charPos < charEnd)
        {
            return new(chars[charPos++]);
        }
        return ReadAfterFillAsync(cancellationToken);
    }

    public ValueTask<int> PeekAsync(CancellationToken cancellationToken)
    {
        if (pushedPos < pushedBack.Length)
        {
            return new(pushedBack[pushedPos]);
        }
        if (charPos < charEnd)
        {
            return new(chars[charPos]);
        }
        return PeekAfterFillAsync(cancellationToken);
    }

    /// <summary>Consumes the character <see cref="PeekAsync"/> returned.</summary>
    public void Skip()
    {
        if (pushedPos < pushedBack.Length)
        {
            pushedPos++;
        }
        else
        {
            charPos++;
        }
    }

    public void PushBack(string text)
    {
        pushedBack = text;
        pushedPos = 0;
    }

    private async ValueTask<int> ReadAfterFillAsync(CancellationToken cancellationToken) => await FillAsync(cancellationToken) ? chars[charPos++] : End;

    private async ValueTask<int> PeekAfterFillAsync(CancellationToken cancellationToken) => await FillAsync(cancellationToken) ? chars[charPos] : End;

    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (byteStart < byteEnd || (streamEnded && !flushed))
            {
                decoder.Convert(bytes.AsSpan(byteStart, byteEnd - byteStart), chars, streamEnded, out var bytesUsed, out var charsUsed, out _);
                byteStart += bytesUsed;
                flushed = streamEnded && byteStart == byteEnd;
                charPos = 0;
                charEnd = charsUsed;
                if (charsUsed > 0)
                {
                    return true;
                }
            }
            if (streamEnded)
            {
                return false;
            }
            byteStart = 0;
            byteEnd = await stream.ReadAsync(bytes, cancellationToken);
            streamEnded = byteEnd == 0;
        }
    }
}

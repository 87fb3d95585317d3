namespace ClientReminders.Reminders;

/// <summary>The local times of day between which reminders may be sent, both ends included.</summary>
public sealed record SendingWindow
{
    public SendingWindow(TimeOnly start, TimeOnly end)
    {
        if (start >= end)
        {
            throw new ArgumentException($"A sending window must start before it ends ({start:HH\\:mm}–{end:HH\\:mm}).", nameof(start));
        }
        Start = start;
        End = end;
    }

    public TimeOnly Start { get; }

    public TimeOnly End { get; }

    public bool Contains(TimeOnly time) => time >= Start && time <= End;

    public void Deconstruct(out TimeOnly start, out TimeOnly end) => (start, end) = (Start, End);
}

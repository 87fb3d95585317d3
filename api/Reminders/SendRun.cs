namespace ClientReminders.Reminders;

/// <summary>
/// What one run of the send queue function did with its message. Closed like <see cref="SendOutcome"/>; it becomes text
/// only at the trigger edge (<see cref="ToString"/>), so tests and callers compare outcomes, not wording.
/// </summary>
public abstract record SendRun
{
    private SendRun() { }

    /// <summary>The message went out by <paramref name="Channel"/>.</summary>
    public sealed record Sent(ReminderChannel Channel) : SendRun
    {
        public override string ToString() => $"sent by {Channel.Name()}";
    }

    /// <summary>The send-time check finished the reminder without sending: <paramref name="Status"/> skipped or cancelled, and why.</summary>
    public sealed record Stopped(ReminderStatus Status, string Reason) : SendRun
    {
        public override string ToString() => $"{Status.Name()}: {Reason}";
    }

    public sealed record NoSuchReminder : SendRun
    {
        public override string ToString() => "reminder no longer exists";
    }

    /// <summary>The message was for an older version of the reminder; the newer version has its own message.</summary>
    public sealed record StaleMessage(int MessageVersion, int ReminderVersion) : SendRun
    {
        public override string ToString() => $"stale message (version {MessageVersion}, reminder at {ReminderVersion})";
    }

    public sealed record AlreadyFinished(ReminderStatus Status) : SendRun
    {
        public override string ToString() => $"reminder already {Status.Name()}";
    }

    /// <summary>The message arrived before the reminder was due and was queued again for its due time.</summary>
    public sealed record NotDueYet : SendRun
    {
        public override string ToString() => "not due yet; queued again";
    }

    /// <summary>Another instance claimed or changed the reminder between the check and the claim.</summary>
    public sealed record ClaimedElsewhere : SendRun
    {
        public override string ToString() => "claimed or changed by someone else";
    }

    /// <summary>The queue's retries ran out while a claim was still held: queued again for after its lease.</summary>
    public sealed record WaitingForLease : SendRun
    {
        public override string ToString() => "claim still held; queued again for after its lease";
    }

    public sealed record RefusedByProvider : SendRun
    {
        public override string ToString() => "refused by the provider";
    }

    /// <summary>The last attempt failed; the reminder is marked failed.</summary>
    public sealed record FailedForGood : SendRun
    {
        public override string ToString() => "failed for good";
    }

    public static readonly SendRun SentBySms = new Sent(ReminderChannel.Sms);
    public static readonly SendRun SentByEmail = new Sent(ReminderChannel.Email);
}

namespace ClientReminders.Tests.Reminders.Pipeline;

/// <summary>The words the host logs for each outcome of the send function: the only place outcomes become text.</summary>
public class SendRunTests
{
    public static TheoryData<SendRun, string> Texts() =>
        new()
        {
            { SendRun.SentBySms, "sent by sms" },
            { new SendRun.Stopped(ReminderStatus.Skipped, "The appointment has already started."), "skipped: The appointment has already started." },
            { new SendRun.NoSuchReminder(), "reminder no longer exists" },
            { new SendRun.StaleMessage(2, 3), "stale message (version 2, reminder at 3)" },
            { new SendRun.AlreadyFinished(ReminderStatus.Sent), "reminder already sent" },
            { new SendRun.NotDueYet(), "not due yet; queued again" },
            { new SendRun.ClaimedElsewhere(), "claimed or changed by someone else" },
            { new SendRun.WaitingForLease(), "claim still held; queued again for after its lease" },
            { new SendRun.RefusedByProvider(), "refused by the provider" },
            { new SendRun.FailedForGood(), "failed for good" },
        };

    [Theory]
    [MemberData(nameof(Texts))]
    public void EachOutcomeReadsAsTheHostLogsIt(SendRun run, string text) => Assert.Equal(text, run.ToString());

    [Fact]
    public void OutcomesCompareByWhatHappenedNotByInstance()
    {
        Assert.Equal(new SendRun.Sent(ReminderChannel.Email), SendRun.SentByEmail);
        Assert.NotEqual(SendRun.SentBySms, SendRun.SentByEmail);
        Assert.NotEqual<SendRun>(new SendRun.NotDueYet(), new SendRun.FailedForGood());
    }
}

namespace ClientReminders.Reminders.Templates;

/// <summary>A fictitious booking for previewing templates, so an owner never sees a real client's data in a preview.</summary>
public static class SampleValues
{
    /// <summary>The sample booking with the business's own name, address and phone, as its clients will see them.</summary>
    public static TemplateValues For(AccountEntity account, DateTimeOffset now, TimeZoneInfo zone) =>
        For(account.BusinessName, now, zone) with
        {
            BusinessAddress = account.BusinessAddress,
            BusinessPhone = account.BusinessPhone,
        };

    public static TemplateValues For(string businessName, DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var tomorrow = TimeZoneInfo.ConvertTime(now, zone).Date.AddDays(1);
        return new TemplateValues(
            ClientName: "Alex Sample",
            BusinessName: businessName,
            LocalStart: tomorrow.Add(new TimeSpan(10, 30, 0)),
            Title: "Follow-up appointment",
            Location: "Room 2",
            Description: "Bring your notes.",
            ConfirmHint: "Reply YES to confirm or NO to cancel."
        );
    }
}

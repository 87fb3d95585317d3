namespace ClientReminders.Answers;

/// <summary>
/// What the answer page shows: whose appointment, when (local time in its own zone), where when the account's messages show
/// locations, whether it still stands (<c>scheduled</c>, <c>cancelled</c>, <c>passed</c>) and the client's answer so far.
/// <paramref name="Changed"/>: the appointment moved or changed since the message with the link was sent.
/// </summary>
public sealed record AnswerPage(
    string BusinessName,
    string ClientFirstName,
    string Start,
    string End,
    string TimeZone,
    string? Location,
    string Status,
    string? Answer,
    bool Changed
);

public sealed record AnswerInput(string? Answer);

/// <summary>The answers a client can give, by the words the page sends.</summary>
public static class Answers
{
    public const string Confirm = "confirm";
    public const string Cancel = "cancel";
    public const string Rearrange = "rearrange";

    public static string? ResponseFor(string? answer) =>
        answer switch
        {
            Confirm => AppointmentResponses.Confirmed,
            Cancel => AppointmentResponses.CancellationRequested,
            Rearrange => AppointmentResponses.RearrangeRequested,
            _ => null,
        };

    public static string? AnswerFor(string? response) =>
        response switch
        {
            AppointmentResponses.Confirmed => Confirm,
            AppointmentResponses.CancellationRequested => Cancel,
            AppointmentResponses.RearrangeRequested => Rearrange,
            _ => null,
        };
}

public static class AnswerStatus
{
    public const string Scheduled = "scheduled";
    public const string Cancelled = "cancelled";
    public const string Passed = "passed";
}

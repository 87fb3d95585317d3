namespace ClientReminders.Reminders.Templates;

/// <summary>The reminder templates an account starts with; the email subject leaves the date out because subjects are logged.</summary>
public static class DefaultTemplates
{
    public const string Sms =
        "Hi {ClientFirstName}, this is a reminder of your appointment with {BusinessName} on {DayOfWeek} {Date} at {Time}. {ConfirmHint} Or answer here: {AnswerLink}";

    public const string EmailSubject = "Reminder: your appointment with {BusinessName}";

    public const string EmailText = """
        Hi {ClientFirstName},

        This is a reminder of your appointment with {BusinessName} on {DayOfWeek} {Date} at {Time}.

        Confirm, cancel or tell us you need to rearrange: {AnswerLink}

        We look forward to seeing you.

        """;

    public const string EmailHtml = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Reminder: your appointment with {BusinessName}</title>
        </head>
        <body style="font-family:sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a">
        <p>Hi {ClientFirstName},</p>
        <p>This is a reminder of your appointment with {BusinessName} on {DayOfWeek} {Date} at {Time}.</p>
        <p><a href="{AnswerLink}">Confirm, cancel or tell us you need to rearrange</a></p>
        <p>{BusinessName}</p>
        </body>
        </html>

        """;
}

namespace ClientReminders.Reminders;

/// <summary>
/// The message a reminder or direct message becomes: the account's template filled with the appointment (read from the
/// reminder's own encrypted copy) and the client, or the owner's stored text; emails carry the unsubscribe link and headers.
/// </summary>
public sealed class ReminderComposer(FieldCipher cipher, UnsubscribeLinks unsubscribe, CalendarFiles calendarFiles, AnswerLinks answerLinks, KeyRing keys)
{
    /// <summary>
    /// When the message shows the appointment's location (the account lets reminders show it and the template names it), a
    /// keyed hash of that location, kept on the sent row so a later change of location alone can be told; otherwise null.
    /// </summary>
    public async Task<string?> ToldLocationAsync(ReminderEntity reminder, SendDecision.Ready ready, CancellationToken cancellationToken)
    {
        if (reminder.Kind is not (ReminderKind.Reminder or ReminderKind.Notice) || !ready.Config.Settings.IncludeLocation)
        {
            return null;
        }
        var config = ready.Config;
        var templates = reminder is { Kind: ReminderKind.Notice, Notice: { } kind }
            ? ready.Channel == ReminderChannel.Sms
                ? [config.Notices.For(kind).Sms]
                : new[] { config.Notices.For(kind).Subject, config.Notices.For(kind).Text }
            : ready.Channel == ReminderChannel.Sms
                ? [config.Sms.Body ?? ""]
                : [config.Email.Subject ?? "", config.Email.Format == EmailFormat.Html ? config.Email.Html ?? "" : config.Email.Text ?? ""];
        if (!templates.Any(template => TemplateSyntax.PlaceholdersIn(template).Contains("Location")))
        {
            return null;
        }
        var location = ready.Appointment is { } appointment
            ? await cipher.ReadAsync(reminder.AccountId, appointment, nameof(AppointmentEntity.Location), cancellationToken)
            : await cipher.DecryptAsync(
                reminder.AccountId,
                ReminderStore.Field(reminder, nameof(ReminderEntity.AppointmentLocation)),
                reminder.AppointmentLocation,
                cancellationToken
            );
        return string.IsNullOrWhiteSpace(location) ? null : ToldLocation(keys, reminder.AccountId, location);
    }

    /// <summary>The keyed hash a sent row keeps of the location it showed: compared, never read back.</summary>
    public static string ToldLocation(KeyRing keys, string accountId, string location) => keys.BlindIndex("told-location", $"{accountId}|{location.Trim()}");

    public async Task<OutgoingMessage> ComposeAsync(ReminderEntity reminder, SendDecision.Ready ready, CancellationToken cancellationToken)
    {
        if (reminder.Kind == ReminderKind.Direct)
        {
            return await ComposeDirectAsync(reminder, ready, cancellationToken);
        }
        var (account, settings) = (ready.Account, ready.Config.Settings);
        var (start, title, location, notes) = ready.Appointment is { } appointment
            ? (
                appointment.Start,
                (AppointmentFields.Context(appointment, nameof(AppointmentEntity.Title)), appointment.Title),
                (AppointmentFields.Context(appointment, nameof(AppointmentEntity.Location)), appointment.Location),
                (AppointmentFields.Context(appointment, nameof(AppointmentEntity.Notes)), appointment.Notes)
            )
            : (
                reminder.AppointmentStart!,
                (ReminderStore.Field(reminder, nameof(ReminderEntity.AppointmentTitle)), reminder.AppointmentTitle),
                (ReminderStore.Field(reminder, nameof(ReminderEntity.AppointmentLocation)), reminder.AppointmentLocation),
                (ReminderStore.Field(reminder, nameof(ReminderEntity.AppointmentNotes)), reminder.AppointmentNotes)
            );
        var values = new TemplateValues(
            ready.Client.Name,
            account.BusinessName,
            DateTime.Parse(start, CultureInfo.InvariantCulture),
            await cipher.DecryptAsync(account.Id, title.Item1, title.Item2, cancellationToken),
            await cipher.DecryptAsync(account.Id, location.Item1, location.Item2, cancellationToken),
            await cipher.DecryptAsync(account.Id, notes.Item1, notes.Item2, cancellationToken),
            ready.Channel == ReminderChannel.Sms ? ready.Config.Keywords.Hint : "",
            account.BusinessAddress,
            account.BusinessPhone,
            answerLinks.For(account.Id, reminder.AppointmentId, reminder.AppointmentVersion)
        );
        var key = $"{reminder.Id}:{reminder.Version}";
        if (reminder is { Kind: ReminderKind.Notice, Notice: { } kind })
        {
            return ComposeNotice(reminder, ready, ready.Config.Notices.For(kind), values, key);
        }
        if (ready.Channel == ReminderChannel.Sms)
        {
            var sms = ready.Config.Sms;
            return new OutgoingMessage(
                account.Id,
                reminder.Id,
                key,
                reminder.DueAt,
                ReminderChannel.Sms,
                ready.To,
                null,
                TemplateRenderer.Render(sms.Body ?? "", values, settings, html: false).Trim(),
                null
            );
        }
        var email = ReminderEmail.Compose(
            ready.Config.Email,
            values,
            settings,
            TemplateService.BrandingOf(account, ready.Config.Email.LogoUrl),
            calendarFiles.LinkFor(account.Id, reminder.AppointmentId)
        );
        return unsubscribe.AddTo(
            new OutgoingMessage(account.Id, reminder.Id, key, reminder.DueAt, ReminderChannel.Email, ready.To, email.Subject, email.Text, email.Html),
            ready.Client.Id
        );
    }

    /// <summary>A change notice: the account's notice template filled as a reminder's is, the email laid out like a plain reminder email.</summary>
    private OutgoingMessage ComposeNotice(ReminderEntity reminder, SendDecision.Ready ready, NoticeTemplate template, TemplateValues values, string key)
    {
        var (account, settings) = (ready.Account, ready.Config.Settings);
        if (ready.Channel == ReminderChannel.Sms)
        {
            var text = TemplateRenderer.Render(template.Sms, values, settings, html: false).Trim();
            return new OutgoingMessage(account.Id, reminder.Id, key, reminder.DueAt, ReminderChannel.Sms, ready.To, null, text, null);
        }
        var email = ReminderEmail.Plain(
            TemplateRenderer.Render(template.Subject, values, settings, html: false).Trim(),
            TemplateRenderer.Render(template.Text, values, settings, html: false),
            TemplateService.BrandingOf(account, ready.Config.Email.LogoUrl),
            settings
        );
        return unsubscribe.AddTo(
            new OutgoingMessage(account.Id, reminder.Id, key, reminder.DueAt, ReminderChannel.Email, ready.To, email.Subject, email.Text, email.Html),
            ready.Client.Id
        );
    }

    /// <summary>A direct message is the owner's stored text with the client's and business's names filled in.</summary>
    private async Task<OutgoingMessage> ComposeDirectAsync(ReminderEntity reminder, SendDecision.Ready ready, CancellationToken cancellationToken)
    {
        var (account, settings) = (ready.Account, ready.Config.Settings);
        var stored = await cipher.DecryptAsync(
            account.Id,
            ReminderStore.Field(reminder, nameof(ReminderEntity.DirectText)),
            reminder.DirectText,
            cancellationToken
        ) ?? "";
        var text = DirectMessageText.Render(stored, ready.Client.Name, account.BusinessName, settings);
        var key = $"{reminder.Id}:{reminder.Version}";
        if (ready.Channel == ReminderChannel.Sms)
        {
            return new OutgoingMessage(account.Id, reminder.Id, key, reminder.DueAt, ReminderChannel.Sms, ready.To, null, text, null);
        }
        var storedSubject = await cipher.DecryptAsync(
            account.Id,
            ReminderStore.Field(reminder, nameof(ReminderEntity.DirectSubject)),
            reminder.DirectSubject,
            cancellationToken
        ) ?? "";
        var subject = DirectMessageText.Render(storedSubject, ready.Client.Name, account.BusinessName, settings);
        // Laid out like a plain reminder email: the business's name or logo on top, its address and phone at the foot.
        var email = ReminderEmail.Plain(subject, text, TemplateService.BrandingOf(account, ready.Config.Email.LogoUrl), settings);
        return unsubscribe.AddTo(
            new OutgoingMessage(account.Id, reminder.Id, key, reminder.DueAt, ReminderChannel.Email, ready.To, email.Subject, email.Text, email.Html),
            ready.Client.Id
        );
    }
}

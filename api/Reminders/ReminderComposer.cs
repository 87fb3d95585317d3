namespace ClientReminders.Reminders;

/// <summary>
/// The message a reminder or direct message becomes: the account's template filled with the appointment (read from the
/// reminder's own encrypted copy) and the client, or the owner's stored text; emails carry the unsubscribe link and headers.
/// </summary>
public sealed class ReminderComposer(FieldCipher cipher, UnsubscribeLinks unsubscribe, CalendarFiles calendarFiles)
{
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
            account.BusinessPhone
        );
        var key = $"{reminder.Id}:{reminder.Version}";
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

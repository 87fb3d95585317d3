namespace ClientReminders.AzureClients.Communication.Email;

public sealed record EmailSendResult(string Id, EmailSendStatus Status);

namespace ClientReminders.AzureClients.Communication.Email;

/// <summary>Not in the SDK: a caller-chosen Operation-Id (e.g. from reminder id and version) so a send repeated after a crash is the same operation, not a second email.</summary>
public sealed record EmailSendOptions(Guid OperationId);

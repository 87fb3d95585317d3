namespace ClientReminders.AzureClients.Queues.Models;

public sealed record SendReceipt(
    string MessageId,
    DateTimeOffset InsertionTime,
    DateTimeOffset ExpirationTime,
    string PopReceipt,
    DateTimeOffset TimeNextVisible);

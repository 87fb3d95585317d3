namespace ClientReminders.AzureClients.Queues.Models;

public sealed record UpdateReceipt(string PopReceipt, DateTimeOffset NextVisibleOn);

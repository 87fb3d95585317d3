using System.Globalization;
using System.Xml.Linq;
using ClientReminders.AzureClients.Queues.Models;

namespace ClientReminders.AzureClients.Queues;

internal static class QueueMessagesXml
{
    public static string Envelope(string messageText) =>
        new XElement("QueueMessage", new XElement("MessageText", messageText)).ToString(SaveOptions.DisableFormatting);

    public static IEnumerable<XElement> Messages(string body) =>
        string.IsNullOrWhiteSpace(body) ? [] : XDocument.Parse(body).Root!.Elements("QueueMessage");

    public static SendReceipt SendReceipt(XElement message) => new(
        Text(message, "MessageId"),
        Date(message, "InsertionTime")!.Value,
        Date(message, "ExpirationTime")!.Value,
        Text(message, "PopReceipt"),
        Date(message, "TimeNextVisible")!.Value);

    public static QueueMessage QueueMessage(XElement message) => new()
    {
        MessageId = Text(message, "MessageId"),
        PopReceipt = Text(message, "PopReceipt"),
        MessageText = Text(message, "MessageText"),
        DequeueCount = long.Parse(Text(message, "DequeueCount"), CultureInfo.InvariantCulture),
        InsertedOn = Date(message, "InsertionTime"),
        ExpiresOn = Date(message, "ExpirationTime"),
        NextVisibleOn = Date(message, "TimeNextVisible"),
    };

    public static PeekedMessage PeekedMessage(XElement message) => new()
    {
        MessageId = Text(message, "MessageId"),
        MessageText = Text(message, "MessageText"),
        DequeueCount = long.Parse(Text(message, "DequeueCount"), CultureInfo.InvariantCulture),
        InsertedOn = Date(message, "InsertionTime"),
        ExpiresOn = Date(message, "ExpirationTime"),
    };

    public static DateTimeOffset? ParseDate(string? value) =>
        string.IsNullOrEmpty(value) ? null : DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static string Text(XElement message, string name) => message.Element(name)?.Value ?? "";

    private static DateTimeOffset? Date(XElement message, string name) => ParseDate(message.Element(name)?.Value);
}

namespace ClientReminders.Conversations;

/// <summary>How a message reached us or the client: by text, by email, or (from the client only) by a button on the page a link opened.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ConversationChannel>))]
public enum ConversationChannel
{
    [JsonStringEnumMemberName("sms")]
    Sms,

    [JsonStringEnumMemberName("email")]
    Email,

    [JsonStringEnumMemberName("link")]
    Link,
}

public sealed record ConversationPreview(MessageDirection Direction, string Kind, string Text, DateTimeOffset At);

public sealed record ConversationSummary(
    string ClientId,
    string ClientName,
    string ClientStatus,
    bool Unread,
    bool NeedsAction,
    DateTimeOffset LastAt,
    ConversationPreview? LastMessage
);

public sealed record ConversationList(IReadOnlyList<ConversationSummary> Items, string? NextCursor, int Unread, int NeedsAction);

public sealed record UnreadConversations(int Unread, int NeedsAction);

public sealed record ConversationItem(
    string Id,
    MessageDirection Direction,
    ConversationItemKind Kind,
    ConversationChannel Channel,
    DateTimeOffset At,
    string Text,
    string? Subject,
    string? ReplyKind,
    bool NeedsAnswer,
    ReminderStatus? Status,
    string? Delivery,
    string? Reason
);

public sealed record ConversationThread(
    string ClientId,
    string ClientName,
    string ClientStatus,
    bool Unread,
    bool NeedsAction,
    string? SmsProblem,
    string? EmailProblem,
    IReadOnlyList<ConversationItem> Items,
    string? NextCursor
);

/// <param name="RequestId">Chosen by the browser for one message: sending it again sends nothing more.</param>
public sealed record ConversationReplyInput(string? Channel, string? Text, string? Subject, string? RequestId);

/// <param name="Id">The message's id in the conversation (as the thread lists it).</param>
/// <param name="ReminderId">Its row in the history and the send queue.</param>
public sealed record ConversationReplyQueued(string Id, string ReminderId, ReminderStatus Status);

/// <summary>A message of a conversation in the data export: the texts of replies, answers and automatic answers; reminders by id (their rows are exported beside).</summary>
public sealed record ConversationExportItem(
    string ClientId,
    DateTimeOffset At,
    MessageDirection Direction,
    ConversationItemKind Kind,
    ConversationChannel Channel,
    string? Text,
    string? ReminderId,
    string? ReplyId
);

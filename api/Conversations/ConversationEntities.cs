using System.Runtime.Serialization;

namespace ClientReminders.Conversations;

/// <summary>Which way a message in a conversation went: from the client to us, or from us to the client.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MessageDirection>))]
public enum MessageDirection
{
    [JsonStringEnumMemberName("in")]
    In,

    [JsonStringEnumMemberName("out")]
    Out,
}

/// <summary>What a message in a conversation is.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ConversationItemKind>))]
public enum ConversationItemKind
{
    /// <summary>The client wrote (a text, or an answer from the link in a message).</summary>
    [JsonStringEnumMemberName("reply")]
    Reply,

    [JsonStringEnumMemberName("reminder")]
    Reminder,

    [JsonStringEnumMemberName("notice")]
    Notice,

    /// <summary>A direct message to chosen clients from the Messages page.</summary>
    [JsonStringEnumMemberName("direct")]
    Direct,

    /// <summary>The owner's answer from the conversation.</summary>
    [JsonStringEnumMemberName("answer")]
    Answer,

    /// <summary>Our automatic answer to STOP, START or HELP.</summary>
    [JsonStringEnumMemberName("auto-reply")]
    AutoReply,
}

/// <summary>
/// One message of a client's conversation (PartitionKey = account id, RowKey = "{clientId}_{inverted ticks}-{source}", so a
/// client's conversation is one key range, newest first). It points at where the message lives: the reminder row that sent
/// it or the reply row that received it; only our automatic answers, which have no other row, hold their text (a FieldCipher value).
/// </summary>
public sealed class ConversationEntryEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    [IgnoreDataMember]
    public ConversationItemKind Kind
    {
        get => WireNames.Parse<ConversationItemKind>(KindName);
        set => KindName = value.Name();
    }

    [DataMember(Name = nameof(Kind))]
    public string KindName { get; set; } = ConversationItemKind.Reply.Name();

    [IgnoreDataMember]
    public ConversationChannel Channel
    {
        get => WireNames.Parse<ConversationChannel>(ChannelName);
        set => ChannelName = value.Name();
    }

    [DataMember(Name = nameof(Channel))]
    public string ChannelName { get; set; } = ConversationChannel.Sms.Name();

    public DateTimeOffset At { get; set; }
    public string? ReminderId { get; set; }
    public string? ReplyId { get; set; }
    public string? Text { get; set; }

    [IgnoreDataMember]
    public MessageDirection Direction => Kind == ConversationItemKind.Reply ? MessageDirection.In : MessageDirection.Out;

    public string ClientId => RowKey[..RowKey.IndexOf('_', StringComparison.Ordinal)];

    public static string RowKeyFor(string clientId, DateTimeOffset at, string source) =>
        $"{ClientPrefix(clientId)}{DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks:D19}-{source}";

    public static string ClientPrefix(string clientId) => clientId + "_";
}

/// <summary>
/// The state of a client's conversation for the inbox (PartitionKey = account id, RowKey = client id): written when the
/// client writes or the owner answers, so an inbox lists only conversations. Read, handled and unread are times compared,
/// not counters, so a replayed event cannot count twice. LastText is a FieldCipher value (a preview of the latest message).
/// </summary>
public sealed class ConversationThreadEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public DateTimeOffset LastAt { get; set; }
    public string LastDirection { get; set; } = MessageDirection.In.Name();
    public string LastKind { get; set; } = ConversationItemKind.Reply.Name();
    public string? LastText { get; set; }

    /// <summary>The newest message from the client, and the newest one that asks something of the owner (free text, cancel, rearrange).</summary>
    public DateTimeOffset? LastInboundAt { get; set; }
    public DateTimeOffset? LastActionAt { get; set; }

    /// <summary>When the owner last read the conversation, and last answered or marked it handled.</summary>
    public DateTimeOffset? ReadAt { get; set; }
    public DateTimeOffset? HandledAt { get; set; }

    /// <summary>Kept with every change from the times above, so the inbox and the unread count filter on the server.</summary>
    public bool Unread { get; set; }
    public bool NeedsAction { get; set; }

    public string ClientId => RowKey;

    public void Recompute()
    {
        Unread = LastInboundAt is { } inbound && (ReadAt is not { } read || inbound > read);
        NeedsAction = LastActionAt is { } action && (HandledAt is not { } handled || action > handled);
    }

    /// <summary>A free-text message the owner has not answered (nor marked handled) since.</summary>
    public bool Awaits(DateTimeOffset at) => HandledAt is not { } handled || at > handled;
}

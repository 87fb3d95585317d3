namespace ClientReminders.Security;

public sealed record ReencryptMessage(string AccountId);

/// <summary>
/// Rotating an account's data key: new writes use the new version at once, and a queued job rewrites the
/// account's older values, so no request waits for it.
/// </summary>
public sealed class KeyRotation(DataKeyStore keys, Reencryption reencryption, QueueClients queues)
{
    public const string QueueName = "reencrypt-accounts";

    public async Task<int> RotateAsync(string accountId, CancellationToken cancellationToken)
    {
        var key = await keys.RotateAsync(accountId, cancellationToken);
        await queues.SendAsync(QueueName, JsonSerializer.Serialize(new ReencryptMessage(accountId), JsonSerializerOptions.Web), cancellationToken);
        return key.Version;
    }

    public async Task<string> RunAsync(QueueInvocation invocation, CancellationToken cancellationToken)
    {
        var message = JsonSerializer.Deserialize<ReencryptMessage>(invocation.MessageText, JsonSerializerOptions.Web) is { AccountId.Length: > 0 } parsed
            ? parsed
            : throw new InvalidInvocationException("The message does not name an account.");
        var rewritten = await reencryption.ReencryptAccountAsync(message.AccountId, cancellationToken);
        return $"re-encrypted {rewritten} row(s)";
    }

    public static void MapReencryption(IEndpointRouteBuilder app)
    {
        app.MapQueueTrigger<KeyRotation>("ReencryptAccount", (rotation, message, cancellationToken) => rotation.RunAsync(message, cancellationToken));
        // After a master-key rotation, nightly until none is left: a query that finds nothing costs one request.
        app.MapTimerTrigger<DataKeyStore>("RewrapDataKeys", async (keys, _, cancellationToken) =>
            $"rewrapped {await keys.RewrapAllAsync(cancellationToken)} data key(s)"
        );
    }
}

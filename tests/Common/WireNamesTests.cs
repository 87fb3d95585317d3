namespace ClientReminders.Tests.Common;

/// <summary>Statuses and channels are types in code and the same lowercase words in JSON and in stored rows.</summary>
public class WireNamesTests
{
    [Theory]
    [InlineData(ReminderChannel.SmsOrEmail, "sms-or-email")]
    [InlineData(ReminderStatus.Cancelled, "cancelled")]
    [InlineData(ReminderKind.Test, "test")]
    public void AMemberIsWrittenAsItsWordInJsonAndInStorageAlike(object member, string word)
    {
        Assert.Equal(
            word,
            member switch
            {
                ReminderChannel channel => channel.Name(),
                ReminderStatus status => status.Name(),
                ReminderKind kind => kind.Name(),
                _ => throw new ArgumentOutOfRangeException(nameof(member)),
            }
        );
        Assert.Equal($"\"{word}\"", JsonSerializer.Serialize(member, member.GetType(), JsonSerializerOptions.Web));
    }

    [Fact]
    public void EveryMemberReadsBackFromItsWord()
    {
        Assert.All(Enum.GetValues<ReminderStatus>(), status => Assert.Equal(status, WireNames.Parse<ReminderStatus>(status.Name())));
        Assert.All(Enum.GetValues<ReminderChannel>(), channel => Assert.Equal(channel, WireNames.Parse<ReminderChannel>(channel.Name())));
    }

    [Fact]
    public void AWordNoMemberHasIsRefusedRatherThanReadAsTheFirstMember()
    {
        Assert.False(WireNames.TryParse<ReminderStatus>("Scheduled", out _));
        Assert.False(WireNames.TryParse<ReminderChannel>(null, out _));
        Assert.Throws<FormatException>(() => new ReminderEntity { StatusName = "posted" }.Status);
    }

    [Fact]
    public async Task AReminderRowIsStoredWithItsColumnsUnderTheirOldNamesAndWords()
    {
        var azurite = await AzuriteServer.SharedAsync();
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient($"Words{Guid.NewGuid():N}");
        await table.CreateAsync();
        var row = new ReminderEntity
        {
            PartitionKey = "acct_20261207",
            RowKey = "r1",
            Status = ReminderStatus.Sent,
            Channel = ReminderChannel.Email,
            RuleChannel = ReminderChannel.SmsOrEmail,
        };
        await table.AddEntityAsync(row);

        var stored = (await table.GetEntityAsync<TableEntity>("acct_20261207", "r1")).Value;
        var read = (await table.GetEntityAsync<ReminderEntity>("acct_20261207", "r1")).Value;

        Assert.Equal(
            ("sent", "email", "sms-or-email", "reminder"),
            (stored.GetString("Status"), stored.GetString("Channel"), stored.GetString("RuleChannel"), stored.GetString("Kind"))
        );
        Assert.DoesNotContain(stored.Keys, key => key.EndsWith("Name", StringComparison.Ordinal));
        Assert.Equal((ReminderStatus.Sent, ReminderChannel.Email, ReminderChannel.SmsOrEmail), (read.Status, read.Channel, read.RuleChannel));
    }
}

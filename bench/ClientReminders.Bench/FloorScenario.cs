using System.Diagnostics;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using ClientReminders.AzureClients.Storage;

namespace ClientReminders.Bench;

public sealed record FloorResult(int Reminders, double Seconds, double RemindersPerSecond, double StorageTransactionsPerReminder);

/// <summary>
/// The least storage work one reminder can take, done straight with our adapters at the driver's concurrency: a share of
/// one batched queue get, one point read, one ETag-guarded update and one queue delete per reminder.
/// </summary>
public static class FloorScenario
{
    public static async Task<FloorResult> RunAsync(BenchOptions options, int runNumber)
    {
        var count = Math.Min(options.Reminders, 5000);
        var tables = new TableServiceClient(options.StorageConnectionString, StorageClientOptions.ForTables());
        var table = tables.GetTableClient($"benchfloor{runNumber}{Guid.NewGuid():N}"[..30]);
        await table.CreateIfNotExistsAsync();
        var queue = new QueueServiceClient(options.StorageConnectionString, StorageClientOptions.ForQueues()).GetQueueClient(
            $"bench-floor-{runNumber}-{Guid.NewGuid():N}"[..30]
        );
        await queue.CreateIfNotExistsAsync();

        var partitions = Enumerable.Range(0, count).GroupBy(i => i % options.Accounts);
        await Parallel.ForEachAsync(
            partitions.SelectMany(p => p.Chunk(100).Select(chunk => (Partition: p.Key, Chunk: chunk))),
            new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (batch, ct) =>
                await table.SubmitCheckedTransactionAsync(
                    batch.Chunk.Select(i => new TableTransactionAction(TableTransactionActionType.Add, Row(batch.Partition, i))),
                    ct
                )
        );
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
            await queue.SendMessageAsync($"{i % options.Accounts}:{i}", cancellationToken: ct)
        );

        var before = StorageMetrics.Requests;
        var clock = Stopwatch.StartNew();
        var done = 0;
        while (done < count)
        {
            var messages = (await queue.ReceiveMessagesAsync(options.BatchSize, TimeSpan.FromMinutes(1))).Value;
            await Task.WhenAll(
                messages.Select(async message =>
                {
                    var parts = message.MessageText.Split(':');
                    var row = (await table.GetEntityAsync<FloorEntity>(parts[0], parts[1])).Value;
                    row.Status = "sent";
                    await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                })
            );
            done += messages.Length;
        }
        var seconds = clock.Elapsed.TotalSeconds;
        var transactions = StorageMetrics.Requests - before;
        await table.DeleteAsync();
        await queue.DeleteIfExistsAsync();
        return new FloorResult(count, Math.Round(seconds, 2), Math.Round(count / seconds, 1), Math.Round((double)transactions / count, 2));
    }

    private static FloorEntity Row(int partition, int i) =>
        new()
        {
            PartitionKey = $"{partition}",
            RowKey = $"{i}",
            Status = "scheduled",
        };

    public sealed class FloorEntity : ITableEntity
    {
        public string PartitionKey { get; set; } = "";
        public string RowKey { get; set; } = "";
        public DateTimeOffset? Timestamp { get; set; }
        public ETag ETag { get; set; }
        public string Status { get; set; } = "";
    }
}

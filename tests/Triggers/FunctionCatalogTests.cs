namespace ClientReminders.Tests.Triggers;

public sealed class FunctionCatalogTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("functions-").FullName;

    [Fact]
    public void TheProductionCatalogHasTheRetentionPurgeTimerAndTheCatchAllApi()
    {
        var catalog = FunctionCatalog.Load([Path.Combine(AppContext.BaseDirectory, "functions")], _ => null);

        var purge = Assert.IsType<TimerTrigger>(catalog.Functions.Single(f => f.Name == "RetentionPurge").Trigger);
        Assert.Equal("0 30 2 * * *", purge.Schedule.Expression);
        Assert.Equal("timer", purge.BindingName);
        var api = Assert.IsType<HttpTrigger>(catalog.Functions.Single(f => f.Name == "Api").Trigger);
        Assert.Equal("{*path}", api.Route);
    }

    [Fact]
    public void QueueNamesResolveAppSettingExpressions()
    {
        Write("Work", """{"bindings":[{"type":"queueTrigger","direction":"in","name":"item","queueName":"%Work:Queue%-in"}]}""");

        var catalog = FunctionCatalog.Load([_root], name => name == "Work:Queue" ? "sends" : null);

        var (function, trigger) = Assert.Single(catalog.Queues);
        Assert.Equal("Work", function.Name);
        Assert.Equal("sends-in", trigger.QueueName);
        Assert.Equal("item", trigger.BindingName);
    }

    [Fact]
    public void AnUnsetAppSettingIsNamedInTheError()
    {
        Write("Work", """{"bindings":[{"type":"queueTrigger","name":"item","queueName":"%Missing%"}]}""");

        var error = Assert.Throws<InvalidOperationException>(() => FunctionCatalog.Load([_root], _ => null));

        Assert.Contains("'Missing'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFunctionWithTwoTriggersIsRefused()
    {
        Write("Twice", """{"bindings":[{"type":"timerTrigger","name":"t","schedule":"0 * * * * *"},{"type":"queueTrigger","name":"q","queueName":"x"}]}""");

        var error = Assert.Throws<InvalidOperationException>(() => FunctionCatalog.Load([_root], _ => null));

        Assert.Contains("exactly one trigger", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("every day")]
    [InlineData("0 0 0 * * 7")]
    [InlineData("0 0 0 31 Feb *")]
    public void AScheduleTheHostWouldRefuseOrNeverFireFailsTheLoad(string schedule)
    {
        Write("Broken", $$"""{"bindings":[{"type":"timerTrigger","name":"t","schedule":"{{schedule}}"}]}""");

        Assert.Throws<FormatException>(() => FunctionCatalog.Load([_root], _ => null));
    }

    private void Write(string name, string json)
    {
        Directory.CreateDirectory(Path.Combine(_root, name));
        File.WriteAllText(Path.Combine(_root, name, "function.json"), json);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

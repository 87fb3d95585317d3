namespace ClientReminders.Tests.Accounts;

public class DemoSeedingTests
{
    [Fact]
    public async Task TheDemoAccountCanSignInAndASecondAppOnTheSameStorageDoesNotCreateAnother()
    {
        var settings = new Dictionary<string, string>
        {
            ["Demo:Seed"] = "true",
            ["Security:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        };
        await using var first = await Owners.StartAppAsync(settings);
        using var firstBrowser = new TestBrowser(first);
        await Owners.SignInAsync(firstBrowser, DemoAccountSeeder.DefaultEmail, DemoAccountSeeder.DefaultPassword);
        var demoId = (await Owners.JsonAsync(await firstBrowser.GetAsync("/api/me"))).GetProperty("id").GetString()!;

        await using var second = await Owners.StartAppAsync(settings);

        using var secondBrowser = new TestBrowser(second);
        var signedIn = await Owners.SignInAsync(secondBrowser, DemoAccountSeeder.DefaultEmail, DemoAccountSeeder.DefaultPassword);
        Assert.Equal(demoId, signedIn.GetProperty("id").GetString());
        var accounts = second.Services.GetRequiredService<TableServiceClient>().GetTableClient(StorageTables.Accounts.Name);
        var demoAccounts = new List<string>();
        await foreach (var account in accounts.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Email eq {DemoAccountSeeder.DefaultEmail}")))
        {
            demoAccounts.Add(account.PartitionKey);
        }
        Assert.Equal([demoId], demoAccounts);
    }

    [Fact]
    public async Task ALaterRunBooksTheDemoAnAppointmentSoonWhenItHasNoneSoItsRemindersGoOutAgain()
    {
        await using var azurite = await AzuriteServer.StartPrivateAsync();
        var settings = new Dictionary<string, string>
        {
            ["Demo:Seed"] = "true",
            ["Security:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        };
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        // From the first run's day: the demo's past four weeks stay out of the counts as the clock moves on.
        var from = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).DateTime);

        async Task<(int Total, List<AppointmentResponse> Soon)> AppointmentsAsync()
        {
            await using var app = await Owners.StartAppAsync(settings, clock, storageConnectionString: azurite.ConnectionString);
            var account = (await app.Services.GetRequiredService<AccountStore>().FindByEmailAsync(DemoAccountSeeder.DefaultEmail, CancellationToken.None))!;
            var zone = TimeZoneInfo.FindSystemTimeZoneById(account.TimeZone);
            var local = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime;
            var all = (
                await app
                    .Services.GetRequiredService<AppointmentService>()
                    .ListAsync(account, from, DateOnly.FromDateTime(local).AddDays(30), CancellationToken.None)
            ).Items;
            var soon = all.Where(a => DateTime.Parse(a.Start, CultureInfo.InvariantCulture) is var start && start > local && start <= local.AddHours(2))
                .ToList();
            return (all.Count, soon);
        }

        var first = await AppointmentsAsync();
        Assert.Single(first.Soon);

        var again = await AppointmentsAsync();
        Assert.Equal(first.Total, again.Total);

        // Two days on, the soon one is past: a later start books another, unless one of the week's sessions is that soon anyway.
        clock.Advance(TimeSpan.FromDays(2));
        var later = await AppointmentsAsync();
        Assert.InRange(later.Total, first.Total, first.Total + 1);
        var booked = Assert.Single(later.Soon);
        Assert.NotEmpty(booked.Reminders);
        Assert.All(booked.Reminders, r => Assert.True(r.DueAt <= clock.GetUtcNow(), $"due at {r.DueAt:O}: it should go out at once"));
    }
}

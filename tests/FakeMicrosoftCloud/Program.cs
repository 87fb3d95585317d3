using System.Globalization;
using System.Runtime.InteropServices;
using ClientReminders.Tests.Calendars;

// The fake Microsoft cloud for the browser tests: one mailbox whose Clinic calendar holds the events web/e2e/calendars.spec.ts expects.
var port = args is ["--port", var value] ? int.Parse(value, CultureInfo.InvariantCulture) : 0;
await using var cloud = await FakeMicrosoftCloud.StartAsync(port);
var today = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero);
var user = cloud.AddUser("Clinic Reception", "reception@contoso.example");
var clinic = user.AddCalendar("Clinic");
user.AddCalendar("Birthdays");
clinic.Add("Grace Hopper check-up", today.AddDays(2).AddHours(10));
clinic.Add("Initial consultation", today.AddDays(3).AddHours(10));
clinic.AddWeeklySeries("Weekly physio", today.AddDays(4).AddHours(11), 3);
clinic.Add("Supplier call", today.AddDays(5).AddHours(14));

// scripts/test.sh reads this line for the API's Graph settings.
Console.WriteLine($"fake-microsoft-cloud listening {cloud.BaseAddress} thumbprint {cloud.CertificateThumbprint}");

var stopped = new TaskCompletionSource();
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
await stopped.Task;

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stopped.TrySetResult();
}

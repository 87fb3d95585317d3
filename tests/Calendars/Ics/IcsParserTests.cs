using static ClientReminders.Tests.Calendars.Ics.IcsFeeds;

namespace ClientReminders.Tests.Calendars.Ics;

public class IcsParserTests
{
    [Fact]
    public void FoldedLinesAreJoinedWhetherTheyEndInCrLfOrLfAndContinueWithASpaceOrATab()
    {
        var text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\r\nUID:fold\nDTSTART:20260101T090000Z\r\nSUMMARY:Haircut -\r\n  Ann\n\te Lee\nEND:VEVENT\nEND:VCALENDAR";

        var item = Assert.Single(IcsParser.Parse(text).Events);

        Assert.Equal("Haircut - Anne Lee", item.Summary);
    }

    [Fact]
    public void TextEscapesAreUndone()
    {
        var calendar = IcsParser.Parse(Calendar(Event("escapes", "DTSTART:20260101T090000Z", @"DESCRIPTION:One\, two\; three\\four\nfive\Nsix")));

        Assert.Equal("One, two; three\\four\nfive\nsix", calendar.Events[0].Description);
    }

    [Fact]
    public void QuotedParameterValuesMayHoldSemicolonsColonsAndCommas()
    {
        var calendar = IcsParser.Parse(
            Calendar(
                Event(
                    "params",
                    "DTSTART:20260101T090000Z",
                    "ATTENDEE;CN=\"Lee; Ann: client, VIP\";ROLE=REQ-PARTICIPANT:MAILTO:ann.lee@example.com",
                    "ATTENDEE;CN=Room:urn:uuid:room-1",
                    "ORGANIZER;SENT-BY=\"mailto:assistant@example.com\":mailto:owner@example.com"
                )
            )
        );

        Assert.Equal(["ann.lee@example.com"], calendar.Events[0].AttendeeEmails);
        Assert.Equal("owner@example.com", calendar.Events[0].OrganizerEmail);
    }

    [Fact]
    public void PropertyAndComponentNamesAreCaseInsensitive()
    {
        var text = "begin:vcalendar\r\nbegin:vevent\r\nuid:lower\r\ndtstart:20260101T090000Z\r\nsummary:Lower case\r\nend:vevent\r\nend:vcalendar\r\n";

        Assert.Equal("Lower case", Assert.Single(IcsParser.Parse(text).Events).Summary);
    }

    [Fact]
    public void UnknownComponentsAndPropertiesAreIgnored()
    {
        var calendar = IcsParser.Parse(
            Calendar([
                "X-WR-RELCALID:abc",
                "BEGIN:VTODO",
                "UID:todo",
                "DTSTART:20260101T090000Z",
                "END:VTODO",
                "BEGIN:VJOURNAL",
                "UID:journal",
                "END:VJOURNAL",
                "BEGIN:X-CUSTOM",
                "X-THING:1",
                "END:X-CUSTOM",
                .. Event(
                    "event",
                    "DTSTART:20260101T090000Z",
                    "X-GOOGLE-CONFERENCE:https://meet.example",
                    "BEGIN:VALARM",
                    "ACTION:DISPLAY",
                    "TRIGGER:-PT15M",
                    "END:VALARM"
                ),
            ])
        );

        Assert.Equal("event", Assert.Single(calendar.Events).Uid);
        Assert.Empty(calendar.Warnings);
    }

    [Fact]
    public void ATruncatedFileIsAFormatErrorAtItsLastLine()
    {
        var failure = Assert.Throws<IcsFormatException>(() => Parse("truncated.ics"));

        Assert.Equal(55, failure.LineNumber);
        Assert.Contains("truncated", failure.Message);
        Assert.Contains("BEGIN:VEVENT from line 50", failure.Message);
    }

    [Fact]
    public void AFileWithoutItsClosingEndIsTruncated()
    {
        var text = Calendar(Event("a", "DTSTART:20260101T090000Z")).Replace("END:VCALENDAR\r\n", "");

        Assert.Contains("END:VCALENDAR is missing", Assert.Throws<IcsFormatException>(() => IcsParser.Parse(text)).Message);
    }

    [Fact]
    public void AnEndThatClosesTheWrongComponentIsAFormatError()
    {
        var text = Calendar("BEGIN:VEVENT", "UID:a", "DTSTART:20260101T090000Z", "END:VTODO");

        var failure = Assert.Throws<IcsFormatException>(() => IcsParser.Parse(text));

        Assert.Equal(7, failure.LineNumber);
        Assert.Contains("END:VTODO does not close BEGIN:VEVENT from line 4", failure.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<!doctype html><html><body>Sign in</body></html>")]
    [InlineData("BEGIN:VCARD\r\nVERSION:4.0\r\nEND:VCARD\r\n")]
    public void SomethingThatIsNotACalendarIsAFormatError(string text)
    {
        Assert.Throws<IcsFormatException>(() => IcsParser.Parse(text));
    }

    [Fact]
    public void BadEventsAreSkippedWithAWarningAndTheOthersAreKept()
    {
        var calendar = Parse("bad-dates.ics");

        Assert.Equal(["good-before@example.com", "good-after@example.com"], calendar.Events.Select(e => e.Uid));
        Assert.Equal(
            ["bad-start@example.com", "bad-rule@example.com", "bad-duration@example.com", "no-start@example.com"],
            calendar.Warnings.Where(w => w.SkippedEvent).Select(w => w.Uid)
        );
        Assert.Equal(4, calendar.UnreadableUids.Count);
    }

    [Fact]
    public void ASkippedEventsWarningNamesItsLineAndTheProblem()
    {
        var warning = Parse("bad-dates.ics").Warnings.Single(w => w.Uid == "bad-start@example.com");

        Assert.Equal(10, warning.LineNumber);
        Assert.Contains("'20261345T250000' is not a valid date or date-time", warning.Message);
    }

    [Fact]
    public void AnUnknownTimeZoneIsReadInTheDefaultZoneWithAWarning()
    {
        var calendar = Parse("bad-dates.ics", "Europe/Paris");

        var unknown = calendar.Events.Single(e => e.Uid == "good-after@example.com");
        Assert.Equal("Europe/Paris", unknown.Start.Zone.Id);
        Assert.Contains(calendar.Warnings, w => w.Uid == "good-after@example.com" && !w.SkippedEvent && w.Message.Contains("Nowhere/Imaginary"));
    }

    [Fact]
    public void ALineWithoutAColonInsideAnEventSkipsThatEvent()
    {
        var calendar = IcsParser.Parse(
            Calendar([.. Event("broken", "DTSTART:20260101T090000Z", "SUMMARY Haircut"), .. Event("fine", "DTSTART:20260101T100000Z")])
        );

        Assert.Equal("fine", Assert.Single(calendar.Events).Uid);
        Assert.Contains("broken", calendar.UnreadableUids);
    }

    [Fact]
    public void AnEventWithoutAUidGetsOneMadeFromItsContentThatIsTheSameEachTime()
    {
        var text = Calendar("BEGIN:VEVENT", "DTSTART:20260101T090000Z", "SUMMARY:No uid", "END:VEVENT");

        var first = IcsParser.Parse(text).Events[0].Uid;

        Assert.StartsWith("generated-", first);
        Assert.Equal(first, IcsParser.Parse(text).Events[0].Uid);
    }

    [Theory]
    [InlineData("Europe/London", "Europe/London")]
    [InlineData("GMT Standard Time", "Europe/London")]
    [InlineData("W. Europe Standard Time", "Europe/Berlin")]
    [InlineData("Eastern Standard Time", "America/New_York")]
    [InlineData("/citadel.org/20190914_1/Europe/Paris", "Europe/Paris")]
    [InlineData("\"America/Chicago\"", "America/Chicago")]
    public void TimeZoneNamesAreReadAsIanaZones(string tzid, string iana)
    {
        var tzidParameter =
            tzid.StartsWith('"') ? tzid
            : tzid.Contains(' ') || tzid.Contains('/') ? $"\"{tzid}\""
            : tzid;
        var calendar = IcsParser.Parse(Calendar(Event("zone", $"DTSTART;TZID={tzidParameter}:20260701T090000")));

        Assert.Equal(iana, calendar.Events[0].Start.Zone.Id);
        Assert.Empty(calendar.Warnings);
    }

    [Fact]
    public void AFloatingTimeIsReadInTheOwnersZone()
    {
        var calendar = IcsParser.Parse(Calendar(Event("floating", "DTSTART:20260701T090000")), new IcsParserOptions { DefaultTimeZone = "Australia/Sydney" });

        var occurrence = Expand(calendar, Utc(2026, 6, 30), Utc(2026, 7, 2)).Single();
        Assert.Equal(Utc(2026, 6, 30, 23), occurrence.StartUtc);
        Assert.Equal("Australia/Sydney", occurrence.TimeZone);
    }

    [Fact]
    public void TheCalendarsOwnZoneWinsOverTheOwnersForFloatingTimes()
    {
        var calendar = IcsParser.Parse(
            Calendar(["X-WR-TIMEZONE:America/New_York", .. Event("floating", "DTSTART:20260701T090000")]),
            new IcsParserOptions { DefaultTimeZone = "Australia/Sydney" }
        );

        Assert.Equal("America/New_York", calendar.Events[0].Start.Zone.Id);
    }

    [Fact]
    public void AnEmbeddedZoneWithoutDaylightSavingIsAFixedOffset()
    {
        var calendar = IcsParser.Parse(
            Calendar([
                "BEGIN:VTIMEZONE",
                "TZID:Studio Time",
                "BEGIN:STANDARD",
                "DTSTART:19700101T000000",
                "TZOFFSETFROM:+0530",
                "TZOFFSETTO:+0530",
                "END:STANDARD",
                "END:VTIMEZONE",
                .. Event("fixed", "DTSTART;TZID=Studio Time:20260701T090000"),
            ])
        );

        var occurrence = Expand(calendar, Utc(2026, 7, 1), Utc(2026, 7, 2)).Single();
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 3, 30, 0, TimeSpan.Zero), occurrence.StartUtc);
        Assert.Equal("Studio Time", occurrence.TimeZone);
    }

    [Fact]
    public void StatusTransparencySequenceAndRecurrenceRangeAreRead()
    {
        var calendar = IcsParser.Parse(
            Calendar(
                Event(
                    "details",
                    "DTSTART:20260101T090000Z",
                    "STATUS:CANCELLED",
                    "TRANSP:TRANSPARENT",
                    "SEQUENCE:7",
                    "RECURRENCE-ID;RANGE=THISANDFUTURE:20260101T080000Z"
                )
            )
        );

        var item = calendar.Events[0];
        Assert.True(item.IsCancelled);
        Assert.True(item.IsFree);
        Assert.Equal(7, item.Sequence);
        Assert.True(item.AppliesToFutureOccurrences);
        Assert.Equal(new DateTime(2026, 1, 1, 8, 0, 0), item.RecurrenceId!.Value.Value);
    }

    [Fact]
    public void AnEndBeforeTheStartIsReadAsNoLengthWithAWarning()
    {
        var calendar = IcsParser.Parse(Calendar(Event("backwards", "DTSTART:20260101T090000Z", "DTEND:20260101T080000Z")));

        Assert.Equal(TimeSpan.Zero, calendar.Events[0].Duration);
        Assert.Contains(calendar.Warnings, w => w.Uid == "backwards" && !w.SkippedEvent);
    }

    [Fact]
    public void ATenThousandEventFeedIsParsed()
    {
        var text = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Tests//EN\r\n");
        for (var i = 0; i < 10_000; i++)
        {
            var start = new DateTime(2026, 1, 1, 8, 0, 0).AddHours(i * 5);
            text.Append($"BEGIN:VEVENT\r\nUID:event-{i}@example.com\r\nDTSTAMP:20260101T000000Z\r\n")
                .Append($"DTSTART;TZID=Europe/London:{start:yyyyMMdd'T'HHmmss}\r\nDTEND;TZID=Europe/London:{start.AddMinutes(45):yyyyMMdd'T'HHmmss}\r\n")
                .Append(
                    $"SUMMARY:Appointment {i} - Client\\, number {i}\r\nDESCRIPTION:A long description that is folded because it is longer than\r\n  seventy-five octets\\nwith a second line\r\n"
                )
                .Append($"ATTENDEE;CN=Client {i};ROLE=REQ-PARTICIPANT:mailto:client{i}@example.com\r\n")
                .Append(i % 10 == 0 ? "RRULE:FREQ=WEEKLY;COUNT=10\r\n" : "")
                .Append("END:VEVENT\r\n");
        }
        text.Append("END:VCALENDAR\r\n");

        var calendar = IcsParser.Parse(text.ToString());

        Assert.Equal(10_000, calendar.Events.Count);
        Assert.Empty(calendar.Warnings);
        Assert.Equal("Appointment 9999 - Client, number 9999", calendar.Events[^1].Summary);
        Assert.Equal(["client9999@example.com"], calendar.Events[^1].AttendeeEmails);
        Assert.Equal(
            [Utc(2026, 1, 1, 8), Utc(2026, 1, 1, 13), Utc(2026, 1, 1, 18), Utc(2026, 1, 1, 23)],
            Expand(calendar, Utc(2026, 1, 1), Utc(2026, 1, 2)).Select(o => o.StartUtc)
        );
    }
}

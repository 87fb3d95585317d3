namespace ClientReminders.Tests.Reminders.Templates;

public class SmsEncodingTests
{
    [Fact]
    public void AnEmptyBodyHasNoSegments()
    {
        Assert.Equal(new SmsInfo("GSM-7", 0, 0, 0), SmsEncoding.Analyze(""));
    }

    [Fact]
    public void OneHundredAndSixtyGsmCharactersFitOneSegment()
    {
        Assert.Equal(new SmsInfo("GSM-7", 160, 160, 1), SmsEncoding.Analyze(new string('a', 160)));
    }

    [Fact]
    public void OneHundredAndSixtyOneGsmCharactersTakeTwoSegmentsOf153()
    {
        Assert.Equal(new SmsInfo("GSM-7", 161, 161, 2), SmsEncoding.Analyze(new string('a', 161)));
        Assert.Equal(2, SmsEncoding.Analyze(new string('a', 306)).Segments);
        Assert.Equal(3, SmsEncoding.Analyze(new string('a', 307)).Segments);
    }

    [Fact]
    public void SeventyUcs2CharactersFitOneSegment()
    {
        Assert.Equal(new SmsInfo("UCS-2", 70, 70, 1), SmsEncoding.Analyze(new string('ж', 70)));
    }

    [Fact]
    public void SeventyOneUcs2CharactersTakeTwoSegmentsOf67()
    {
        Assert.Equal(new SmsInfo("UCS-2", 71, 71, 2), SmsEncoding.Analyze(new string('ж', 71)));
        Assert.Equal(2, SmsEncoding.Analyze(new string('ж', 134)).Segments);
        Assert.Equal(3, SmsEncoding.Analyze(new string('ж', 135)).Segments);
    }

    [Fact]
    public void TheEuroSignIsAnEscapedGsmCharacterOfTwoSeptets()
    {
        Assert.Equal(new SmsInfo("GSM-7", 3, 4, 1), SmsEncoding.Analyze("€10"));
    }

    [Fact]
    public void EveryExtensionCharacterCountsAsTwoSeptets()
    {
        Assert.Equal(new SmsInfo("GSM-7", 10, 20, 1), SmsEncoding.Analyze("^{}\\[~]|€\f"));
    }

    [Fact]
    public void AnEAcuteIsInTheGsmBasicSet()
    {
        Assert.Equal(new SmsInfo("GSM-7", 4, 4, 1), SmsEncoding.Analyze("café"));
    }

    [Fact]
    public void AnECircumflexIsNotInGsmSoTheBodyIsUcs2()
    {
        Assert.Equal(new SmsInfo("UCS-2", 5, 5, 1), SmsEncoding.Analyze("fête!"));
    }

    [Fact]
    public void GreekCapitalsAndLineBreaksAreInTheGsmBasicSet()
    {
        Assert.Equal("GSM-7", SmsEncoding.Analyze("ΔΩ\r\n@£$¥§¿¡").Encoding);
    }

    [Fact]
    public void AnEmojiMakesTheBodyUcs2AndCountsAsTwoUnits()
    {
        Assert.Equal(new SmsInfo("UCS-2", 3, 4, 1), SmsEncoding.Analyze("Hi😀"));
    }

    [Fact]
    public void AnEscapePairAtTheEndOfAFullSegmentMovesToTheNext()
    {
        var body = new string('a', 152) + "€" + new string('a', 152);

        Assert.Equal(new SmsInfo("GSM-7", 305, 306, 3), SmsEncoding.Analyze(body));
    }

    [Fact]
    public void AnEscapePairThatFitsExactlyStaysInItsSegment()
    {
        var body = new string('a', 151) + "€" + new string('a', 153);

        Assert.Equal(new SmsInfo("GSM-7", 305, 306, 2), SmsEncoding.Analyze(body));
    }

    [Fact]
    public void ASingleSegmentHoldsEscapePairsUpTo160Septets()
    {
        Assert.Equal(new SmsInfo("GSM-7", 80, 160, 1), SmsEncoding.Analyze(new string('{', 80)));
    }

    [Fact]
    public void ASurrogatePairIsNotSplitAcrossSegments()
    {
        var body = new string('ж', 66) + "😀" + new string('ж', 66);

        Assert.Equal(new SmsInfo("UCS-2", 133, 134, 3), SmsEncoding.Analyze(body));
    }
}

namespace ClientReminders.Tests.Reminders.Templates;

public class TemplateSyntaxTests
{
    [Fact]
    public void ATemplateUsingEveryPlaceholderHasNoProblems()
    {
        Assert.Empty(TemplateSyntax.Check(string.Join(" ", TemplateSyntax.Placeholders.Select(p => $"{{{p}}}"))));
    }

    [Fact]
    public void EscapedBracesAreNotProblems()
    {
        Assert.Empty(TemplateSyntax.Check("Use {{ and }} for braces, {{ClientName}} literally, or {{{ClientName}}} in braces."));
    }

    [Fact]
    public void AnUnknownPlaceholderIsReportedAtItsLineAndColumn()
    {
        var problem = Assert.Single(TemplateSyntax.Check("Hello {ClientName},\nSee {Foo} soon."));

        Assert.Equal(new TemplateProblem(2, 5, "Unknown placeholder {Foo} at line 2, column 5."), problem);
    }

    [Fact]
    public void ProblemsOnSeveralLinesAreEachReportedInOrder()
    {
        var problems = TemplateSyntax.Check("{Bar}\r\n\r\nOn {Date}, at   {Baz}.\n");

        Assert.Equal([(1, 1), (3, 17)], problems.Select(p => (p.Line, p.Column)));
        Assert.Equal("Unknown placeholder {Baz} at line 3, column 17.", problems[1].Message);
    }

    [Fact]
    public void EscapedBracesCountTowardsTheColumn()
    {
        var problem = Assert.Single(TemplateSyntax.Check("{{x}} {Foo}"));

        Assert.Equal((1, 7), (problem.Line, problem.Column));
    }

    [Fact]
    public void PlaceholderNamesAreCaseSensitiveAndANearMissSuggestsTheKnownName()
    {
        var problem = Assert.Single(TemplateSyntax.Check("Hi {clientname}"));

        Assert.Equal("Unknown placeholder {clientname} at line 1, column 4; did you mean {ClientName}?", problem.Message);
    }

    [Theory]
    [InlineData("{ClientFristName}", "ClientFirstName")]
    [InlineData("{Data}", "Date")]
    [InlineData("{Business Name}", "BusinessName")]
    [InlineData("{day_of_week}", "DayOfWeek")]
    [InlineData("{Locaton}", "Location")]
    public void TyposSuggestTheClosestKnownName(string template, string suggestion)
    {
        Assert.EndsWith($"did you mean {{{suggestion}}}?", Assert.Single(TemplateSyntax.Check(template)).Message);
    }

    [Fact]
    public void AFarMissSuggestsNothing()
    {
        Assert.DoesNotContain("did you mean", Assert.Single(TemplateSyntax.Check("{Price}")).Message);
    }

    [Fact]
    public void AnUnclosedBraceIsReportedWhereItOpens()
    {
        var problem = Assert.Single(TemplateSyntax.Check("Hi\nat {Time soon"));

        Assert.Equal(new TemplateProblem(2, 4, "Unclosed { at line 2, column 4; write {{ for a literal brace."), problem);
    }

    [Fact]
    public void APlaceholderDoesNotRunAcrossALineBreak()
    {
        var problems = TemplateSyntax.Check("{Time\n}");

        Assert.Equal([(1, 1), (2, 1)], problems.Select(p => (p.Line, p.Column)));
    }

    [Fact]
    public void AnUnclosedBraceBeforeAPlaceholderLeavesThePlaceholderValid()
    {
        var problem = Assert.Single(TemplateSyntax.Check("{Time {Date}"));

        Assert.Equal((1, 1), (problem.Line, problem.Column));
        Assert.StartsWith("Unclosed {", problem.Message);
    }

    [Fact]
    public void AStrayClosingBraceIsReported()
    {
        var problem = Assert.Single(TemplateSyntax.Check("Smile :}"));

        Assert.Equal(new TemplateProblem(1, 8, "Stray } at line 1, column 8; write }} for a literal brace."), problem);
    }

    [Fact]
    public void AnEmptyPlaceholderIsReported()
    {
        Assert.StartsWith("Empty placeholder {} at line 1, column 3", Assert.Single(TemplateSyntax.Check("a {} b")).Message);
    }
}

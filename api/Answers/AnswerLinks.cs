namespace ClientReminders.Answers;

/// <summary>The one-tap answer link a message carries for its appointment (template placeholder <c>{AnswerLink}</c>).</summary>
public sealed class AnswerLinks(AnswerTokens tokens, IOptions<AppOptions> app)
{
    public const string PathPrefix = "/a/";

    /// <summary>A link of the right length for previews and SMS segment counts; it opens nothing.</summary>
    public string Sample => app.Value.Link(PathPrefix + new string('A', AnswerTokens.TokenLength));

    /// <summary>The link for an appointment as it stands at <paramref name="appointmentVersion"/>, or null when its ids are not ours.</summary>
    public string? For(string accountId, string appointmentId, int appointmentVersion) =>
        tokens.Create(accountId, appointmentId, appointmentVersion) is { } token ? app.Value.Link(PathPrefix + token) : null;
}

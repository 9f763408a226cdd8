namespace IssuerSync.Core.Rotation;

/// <summary>Reads from an issuer's history since when its latest signing key signs the pushes.</summary>
public static class SigningHistory
{
    /// <summary>
    /// The time of the first push of the latest unbroken run of pushes signed by <see cref="IssuerState.LatestSigningKid"/>
    /// (a change of signer always leaves a history line; unchanged re-pushes leave none). When the history was compacted
    /// inside that run, its oldest kept line: a later instant than the real one, so waits measured from it are longer,
    /// never shorter. Null without a signing key or a push line it signed.
    /// </summary>
    public static DateTimeOffset? LatestSigningSince(IssuerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.LatestSigningKid is not { } signer)
        {
            return null;
        }

        DateTimeOffset? since = null;
        var pushes = state.History.Where(h => h.Action == HistoryAction.Pushed && h.By.Kind == HistoryActor.PushKind && h.By.SigningKid is not null).ToList();
        for (var i = pushes.Count - 1; i >= 0 && pushes[i].By.SigningKid == signer; i--)
        {
            since = pushes[i].At;
        }

        return since;
    }
}

using AiOps.Contracts.Messages;

namespace AiOps.Core.Silences;

/// <summary>A silence's state: pending before <c>starts_at</c>, active until <c>ends_at</c>, expired from then on.</summary>
public static class SilenceStates
{
    public const string Pending = "pending";
    public const string Active = "active";
    public const string Expired = "expired";

    public static string At(Silence silence, DateTimeOffset now) =>
        now < silence.StartsAt ? Pending : now < silence.EndsAt ? Active : Expired;

    /// <summary>
    /// Silences apply on event time, as correlation windows do: an anomaly that happened during a maintenance
    /// window is silenced even when a ship that was offline sends it later.
    /// </summary>
    public static bool CoversEventTime(Silence silence, DateTimeOffset eventTs) => eventTs >= silence.StartsAt && eventTs < silence.EndsAt;

    /// <summary>Ends a silence at <paramref name="now"/>; a pending one ends before it started (Alertmanager does the same).</summary>
    public static Silence Expire(Silence silence, DateTimeOffset now, string actor) => silence with
    {
        StartsAt = silence.StartsAt > now ? now : silence.StartsAt,
        EndsAt = silence.EndsAt > now ? now : silence.EndsAt,
        UpdatedAt = now,
        ExpiredBy = actor,
    };
}

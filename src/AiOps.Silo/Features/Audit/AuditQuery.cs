using System.ComponentModel.DataAnnotations;
using AiOps.Contracts.Json;
using AiOps.Contracts.Pipeline;
using AiOps.Silo.Features.Requests;
using Microsoft.AspNetCore.Mvc;

namespace AiOps.Silo.Features.Audit;

/// <summary>The filters of <c>GET /api/v3/audit</c>: a time window (default the last 7 days) and who, what, where.</summary>
public sealed record AuditQuery : IValidatableObject
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(7);

    [FromQuery(Name = "since"), IsoTimestamp]
    public string? Since { get; init; }

    [FromQuery(Name = "until"), IsoTimestamp]
    public string? Until { get; init; }

    [FromQuery(Name = "user")]
    public string? User { get; init; }

    /// <summary>The audited action, e.g. incident_status_change, approval, policy_reload.</summary>
    [FromQuery(Name = "action")]
    public string? Action { get; init; }

    /// <summary>A prefix of the resource, e.g. <c>execution:exec-</c>.</summary>
    [FromQuery(Name = "resource")]
    public string? Resource { get; init; }

    [FromQuery(Name = "limit"), Between(1, 1000)]
    public int? Limit { get; init; }

    /// <summary>The window asked for, with its defaults; valid once validation has passed.</summary>
    public (DateTimeOffset From, DateTimeOffset To) Window(DateTimeOffset now) =>
        (Time(Since) ?? now - DefaultWindow, Time(Until) ?? now);

    public AuditFilter ToFilter(DateTimeOffset now)
    {
        var (from, to) = Window(now);
        return new AuditFilter(from, to, Blank(User), Blank(Action), Blank(Resource), Limit ?? 100);
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var clock = (TimeProvider?)validationContext.GetService(typeof(TimeProvider)) ?? TimeProvider.System;
        var (from, to) = Window(clock.GetUtcNow());
        if (to < from || (to - from).TotalDays > AuditTrail.MaxDays)
        {
            yield return new ValidationResult($"since: must be before until and at most {AuditTrail.MaxDays} days earlier", ["since"]);
        }
    }

    private static DateTimeOffset? Time(string? text) => text is not null && UtcTimestampConverter.TryParse(text, out var value) ? value : null;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}

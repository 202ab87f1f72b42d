using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;

namespace AiOps.Silo.Features.Requests;

/// <summary>Refuses query parameters a <c>[AsParameters]</c> record does not have, naming the first, so a typo is not ignored.</summary>
public static class QueryParameters
{
    public static IEnumerable<ValidationResult> Unknown<TQuery>(IQueryCollection query)
    {
        var known = typeof(TQuery).GetProperties()
            .Where(p => p.GetCustomAttribute<FromQueryAttribute>() is not null)
            .Select(WireName.Of)
            .ToList();
        return query.Keys.Where(key => !known.Contains(key, StringComparer.Ordinal)).Take(1)
            .Select(key => new ValidationResult($"unknown query parameter '{Core.Ingest.FieldRules.Printable(key)}'; use {string.Join(", ", known)}", [key]));
    }
}

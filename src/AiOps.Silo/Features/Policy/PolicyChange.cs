using System.Text.Json.Nodes;

namespace AiOps.Silo.Features.Policy;

/// <summary>One value a ship overrides: where it is, the fleet's value and the ship's.</summary>
public sealed record PolicyChange(string Section, string Key, JsonNode? FleetValue, JsonNode? ShipValue);

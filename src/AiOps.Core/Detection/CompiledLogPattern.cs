using System.Text.RegularExpressions;

namespace AiOps.Core.Detection;

internal sealed record CompiledLogPattern(string Name, Regex Match, double HintScore, string IncidentType);

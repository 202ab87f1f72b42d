namespace AiOps.Contracts;

/// <summary>Where a signal comes from: satellite/5G comms, applications, network, security, host resources.</summary>
public enum Domain
{
    Comms,
    App,
    Net,
    Security,
    System,
}

using System.ComponentModel.DataAnnotations;

namespace AiOps.Silo.Hosting;

/// <summary>Installation settings (configuration section <c>AiOps</c>).</summary>
public sealed class AiOpsOptions
{
    public const string Section = "AiOps";

    /// <summary>The ship this installation serves; ingest fills it in when a sender leaves <c>ship_id</c> out.</summary>
    [Required, RegularExpression("^[a-z0-9][a-z0-9._-]{0,63}$", ErrorMessage = "AiOps:ShipId must be 1-64 lower-case letters, digits, '-', '_' or '.'")]
    public string ShipId { get; set; } = "ship-local";

    /// <summary>Where grain state lives on one box (incidents, correlation, detector state, stats).</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// <c>silo</c> (default): silo, ingest and API in one process. <c>api</c>: ingest and API only, as an Orleans
    /// client of the cluster named by <c>ConnectionStrings:redis</c>, so the API scales apart from the silos.
    /// </summary>
    [RegularExpression("^(silo|api)$", ErrorMessage = "AiOps:Role must be silo or api")]
    public string Role { get; set; } = "silo";

    public bool IsApiOnly => Role == "api";

    /// <summary>
    /// A silo in Kubernetes (deploy/k8s): Orleans' Kubernetes hosting takes the pod's name and IP (POD_NAME,
    /// POD_IP, POD_NAMESPACE from the downward API) and deletes the pods of silos the cluster declared dead.
    /// Off by default: it needs the pod permissions deploy/k8s grants.
    /// </summary>
    public bool KubernetesHosting { get; set; }

    /// <summary>Serve the Orleans Dashboard at <c>/dashboard</c> (on by default; admin role only).</summary>
    public bool Dashboard { get; set; } = true;

    /// <summary>
    /// How long, at most, the start-up warm-up waits for the JIT to go quiet before the host says ready (0: it does
    /// not wait). See <see cref="Features.Warmup.JitQuiet"/>.
    /// </summary>
    public double WarmupJitQuietSeconds { get; set; } = 3;

    /// <summary>
    /// The folder with <c>policy.yaml</c>: by default <c>./policies</c> when the host starts from a checkout
    /// (so edits apply without a rebuild), else the policies shipped next to the binary.
    /// </summary>
    [Required]
    public string PolicyDirectory { get; set; } = DefaultPolicyDirectory();

    /// <summary><c>./policies</c> when it holds a <c>policy.yaml</c>, else the policies shipped next to the binary.</summary>
    public static string DefaultPolicyDirectory() => File.Exists(Path.Combine("policies", "policy.yaml"))
        ? Path.GetFullPath("policies")
        : Path.Combine(AppContext.BaseDirectory, "policies");
}

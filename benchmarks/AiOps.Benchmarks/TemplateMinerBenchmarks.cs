using AiOps.Contracts;
using AiOps.Core.Logs;
using BenchmarkDotNet.Attributes;

namespace AiOps.Benchmarks;

/// <summary>
/// Cost per line of the log template miner with its one configuration, on a warmed-up miner (templates
/// learned, as in a service that has been running), over a realistic mix: Spark, HDFS and OpenSSH shaped lines
/// with fresh variables in every line.
/// </summary>
[MemoryDiagnoser]
public class TemplateMinerBenchmarks
{
    public const int Lines = 10_000;

    private readonly string[] _lines = new string[Lines];
    private TemplateMiner _miner = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(5);
        string[] shapes =
        [
            "Finished task {0}.0 in stage {1}.0 (TID {2}). {3} bytes result sent to driver",
            "Receiving block blk_{4} src: /10.251.{0}.{1}:{2} dest: /10.251.{1}.{0}:50010",
            "Failed password for invalid user {5} from 183.62.{0}.{1} port {2} ssh2",
            "Connection closed by {0}.{1}.{2}.{0} [preauth]",
            "Session: {2}_{3} initialized by client WindowsUpdateAgent.",
            "Established session 0x{4:x} with negotiated timeout 20000 for client /10.10.34.{0}:{2}",
            "PacketResponder {0} for block blk_{4} terminating",
            "Got assigned task {2}",
        ];
        string[] users = ["admin", "oracle", "test", "guest", "pi", "ubuntu"];
        for (var i = 0; i < Lines; i++)
        {
            _lines[i] = string.Format(System.Globalization.CultureInfo.InvariantCulture, shapes[random.Next(shapes.Length)],
                random.Next(256), random.Next(256), random.Next(60_000), random.Next(1_000_000), random.NextInt64(), users[random.Next(users.Length)]);
        }

        _miner = new TemplateMiner();
        ObservePerLine();
    }

    [Benchmark(OperationsPerInvoke = Lines, Description = "template miner, per line (warmed up)")]
    public long ObservePerLine()
    {
        var ts = DateTimeOffset.UnixEpoch;
        long sum = 0;
        foreach (var line in _lines)
        {
            sum += _miner.Observe(line, MessageLevel.Info, ts).Template.Id;
        }

        return sum;
    }
}

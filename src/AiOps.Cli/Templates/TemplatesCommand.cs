using System.Globalization;
using System.Text;
using AiOps.Contracts;
using AiOps.Core.Logs;

namespace AiOps.Cli.Templates;

/// <summary>
/// <c>aiops templates --input DIR --output DIR</c>: runs the host's template miner, with its one configuration,
/// over every <c>NAME.log</c> (one message per line) and writes <c>NAME.csv</c> with <c>line,template_id</c>,
/// one row per line, in order. Each file is one service with a fresh miner, fed line by line.
/// </summary>
public static class TemplatesCommand
{
    public static int Run(string input, string output, TextWriter log)
    {
        if (!Directory.Exists(input))
        {
            throw new ArgumentException($"--input '{input}' is not a folder");
        }

        var files = Directory.GetFiles(input, "*.log").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            throw new ArgumentException($"--input '{input}' holds no *.log file");
        }

        Directory.CreateDirectory(output);
        foreach (var file in files)
        {
            var (lines, templates) = MineFile(file, Path.Combine(output, Path.GetFileNameWithoutExtension(file) + ".csv"));
            log.WriteLine($"templates: {Path.GetFileName(file)}: {lines} lines, {templates} templates");
        }

        return 0;
    }

    private static (int Lines, int Templates) MineFile(string source, string target)
    {
        var miner = new TemplateMiner();
        var ids = new List<int>();
        var start = DateTimeOffset.UnixEpoch;
        foreach (var line in File.ReadLines(source))
        {
            ids.Add(miner.Observe(line, MessageLevel.Info, start.AddSeconds(ids.Count)).Template.Id);
        }

        // A template merged into another later answers with the id that now holds its lines, as the API does.
        var result = new StringBuilder("line,template_id\n");
        for (var i = 0; i < ids.Count; i++)
        {
            result.Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(miner.Book.Resolve(ids[i]).ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        File.WriteAllText(target, result.ToString());
        return (ids.Count, miner.Count);
    }
}

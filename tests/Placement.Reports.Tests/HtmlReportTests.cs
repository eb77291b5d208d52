using System.Text.RegularExpressions;
using Placement.Traces.Formats;

namespace Placement.Reports.Tests;

/// <summary>The page as text: self-contained, and showing the measured run's figures.</summary>
public sealed partial class HtmlReportTests(ReportFixture report) : IClassFixture<ReportFixture>
{
    [Fact]
    public void Write_ReportOfLocalPipeline_HasNoScriptNoExternalReferenceAndACsp()
    {
        Assert.DoesNotContain("<script", report.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", report.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", report.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(ExternalReference().Matches(report.Html));
        Assert.Contains("default-src 'none'", report.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_WithMeasuredTrace_ShowsTheMeasuredTotalOfTasksAndTransfers()
    {
        var trace = TraceReader.Read(File.ReadAllText(report.TracePath), report.TracePath).Value!;
        var expected = trace.Tasks.Sum(t => t.Placement!.Cost.ComputeUsd + t.Placement.Cost.ServicesUsd + t.Placement.Cost.LlmUsd) + trace.Run!.Transfers.Sum(t => t.CostUsd);
        var shown = Regex.Match(report.Html, "id=\"measured-usd\" data-usd=\"([0-9.]+)\"").Groups[1].Value;
        Assert.Equal(expected, decimal.Parse(shown, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(trace.Run.RunId!, report.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_SameInputsTwice_SameBytes()
    {
        var again = Path.Combine(report.Folder, "again.html");
        var exit = Placement.Cli.CliApp.Run(["report", report.PlanPath, report.ScenarioPath, "--simulate", "200", "--runtime-cv", "0.3", "--trace", report.TracePath, "--pareto", "--out", again], new StringWriter(), new StringWriter(), false);
        Assert.Equal(0, exit);
        Assert.Equal(report.Html, File.ReadAllText(again));
    }

    // src/href/url() pointing anywhere but an in-page #fragment or a data: URI.
    [GeneratedRegex("(?:src|href)\\s*=\\s*\"(?!#|data:)|url\\((?!#)", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}

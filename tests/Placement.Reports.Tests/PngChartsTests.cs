using Placement.Reports.Png;

namespace Placement.Reports.Tests;

/// <summary>ScottPlot renders here (SkiaSharp's native library loads) and the pictures are real PNGs.</summary>
public sealed class PngChartsTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public void Gantt_TwoTasksAndATransfer_IsAPngOfTheRequestedWidth()
    {
        var png = PngCharts.Gantt(
            [new GanttBar("aws/us-east-1", "a", 0, 30, false), new GanttBar("aws/us-east-1 → gcp/us-west1", "a", 30, 40, true), new GanttBar("gcp/us-west1", "b", 40, 100, false)],
            "test", width: 800);
        Assert.Equal(PngSignature, png[..8]);
        Assert.Equal(800, Width(png));
    }

    [Fact]
    public void Frontier_ThreePoints_IsAPng()
    {
        var png = PngCharts.Frontier([new FrontierPoint(10m, 2, "a", false), new FrontierPoint(12m, 1, "b", true), new FrontierPoint(20m, 0.5, "c", false)], "test");
        Assert.Equal(PngSignature, png[..8]);
        Assert.Equal(900, Width(png));
    }

    // IHDR width: big-endian at bytes 16..19.
    private static int Width(byte[] png) => (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19];
}

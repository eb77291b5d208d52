using System.Globalization;
using Microsoft.Playwright;

namespace Placement.Reports.Tests;

/// <summary>
/// Opens the report in headless Debian Chromium (/usr/bin/chromium, installed by scripts/setup.sh; Playwright downloads
/// no browser) and checks what a reader sees: no console error, no request outside the file, the totals equal the plan
/// file's, every section drawn. The full-page screenshot is saved to TestResults/report/video-pipeline-local.png at the
/// repository root.
/// </summary>
public sealed class BrowserTests(ReportFixture report) : IClassFixture<ReportFixture>
{
    public static string ScreenshotPath => Path.Combine(RepoPaths.Root, "TestResults", "report", "video-pipeline-local.png");

    [Fact]
    public async Task Report_OpenedInChromium_LoadsOfflineWithTheTotalsOfThePlanFile()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var consoleErrors = new List<string>();
        var requests = new List<string>();
        var refused = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type is "error" or "warning")
            {
                consoleErrors.Add($"{m.Type}: {m.Text}");
            }
        };
        page.PageError += (_, e) => consoleErrors.Add("page error: " + e);
        page.Request += (_, r) => requests.Add(r.Url);
        await page.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url.StartsWith("file://", StringComparison.Ordinal))
            {
                await route.ContinueAsync();
            }
            else
            {
                refused.Add(route.Request.Url);
                await route.AbortAsync();
            }
        });

        var url = new Uri(report.ReportPath).AbsoluteUri;
        var response = await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        Assert.NotNull(response);
        Assert.True(response.Ok);

        Directory.CreateDirectory(Path.GetDirectoryName(ScreenshotPath)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath, FullPage = true });

        Assert.Empty(consoleErrors);
        Assert.Empty(refused);
        Assert.Equal([url], requests);

        var total = page.Locator("#total-usd");
        Assert.Equal(report.PlanTotals["total"], decimal.Parse((await total.GetAttributeAsync("data-usd"))!, CultureInfo.InvariantCulture));
        Assert.Equal(Units.Usd(report.PlanTotals["total"]), await total.InnerTextAsync());
        var rows = page.Locator("#totals tr td[data-usd]");
        var shown = new List<decimal>();
        for (var i = 0; i < await rows.CountAsync(); i++)
        {
            shown.Add(decimal.Parse((await rows.Nth(i).GetAttributeAsync("data-usd"))!, CultureInfo.InvariantCulture));
        }

        Assert.Equal(new[] { "compute", "services", "llm", "egress", "storage", "total" }.Select(k => report.PlanTotals[k]), shown);

        Assert.Equal(4, await page.Locator("section#explanations tr").CountAsync() - 1);
        foreach (var section in new[] { "map", "costs", "baselines", "frontier", "simulation", "measured" })
        {
            Assert.True(await page.Locator($"section#{section} svg").CountAsync() > 0, $"section {section} has no chart");
            Assert.True((await page.Locator($"section#{section} svg").First.BoundingBoxAsync())!.Width > 100, $"section {section}'s chart is not drawn");
        }

        Assert.Equal(4, await page.Locator("section#map path.transfer").CountAsync());
        Assert.True(new FileInfo(ScreenshotPath).Length > 50_000);
    }
}

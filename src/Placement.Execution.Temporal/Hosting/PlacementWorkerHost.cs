using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Placement.Execution.Temporal.Activities;
using Placement.Execution.Temporal.Workflows;
using Temporalio.Client;
using Temporalio.Extensions.Hosting;

namespace Placement.Execution.Temporal.Hosting;

/// <summary>
/// What <c>placement worker</c> hosts: one Temporal worker per location queue (the node and transfer activities
/// of the runs placed there), plus, unless switched off, the workflow queue's worker (the workflows, the datasets
/// and record activities). Each location's worker runs at most its concurrency of activities at once
/// (<c>MaxConcurrentActivities</c>). SIGINT/SIGTERM stop polling, let running activities finish within the
/// graceful timeout, then cancel them (Temporal retries them elsewhere).
/// </summary>
/// <param name="Locations">Locations served (<c>aws/us-east-1</c>).</param>
/// <param name="Workflows">Also serve the workflow queue.</param>
/// <param name="Concurrency">Activities at once per location, unless <paramref name="ByLocation"/> says.</param>
/// <param name="ByLocation">Concurrency by location text.</param>
/// <param name="GracefulShutdown">How long running activities may take to finish on shutdown.</param>
public sealed record WorkerPlan(IReadOnlyList<string> Locations, bool Workflows, int Concurrency, IReadOnlyDictionary<string, int> ByLocation, TimeSpan GracefulShutdown)
{
    /// <summary>Every problem with the plan (no queue, bad location, concurrency below 1).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>(TaskQueues.Problems(Locations));
        if (Locations.Count == 0 && !Workflows)
        {
            problems.Add("--location: name at least one location to serve (or keep the workflow queue)");
        }

        if (Concurrency < 1 || ByLocation.Values.Any(v => v < 1))
        {
            problems.Add("--concurrency: must be at least 1");
        }

        return problems;
    }

    /// <summary>The queues served and their concurrency, in order.</summary>
    public IReadOnlyList<(string Queue, int Concurrency)> Queues =>
        [.. Locations.Distinct(StringComparer.Ordinal).Select(l => (TaskQueues.ForLocation(l), ByLocation.GetValueOrDefault(l, Concurrency))),
         .. Workflows ? [(TaskQueues.Workflows, Concurrency)] : Array.Empty<(string, int)>()];
}

/// <summary>Builds the generic host of <c>placement worker</c> with <c>Temporalio.Extensions.Hosting</c>.</summary>
public static class PlacementWorkerHost
{
    /// <summary>The host; run it with <c>RunAsync</c> (it stops on SIGINT/SIGTERM).</summary>
    public static IHost Build(ITemporalClient client, WorkerServices services, WorkerPlan plan, LogLevel logLevel = LogLevel.Warning)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(logLevel);
        builder.Services.AddSingleton(client);
        builder.Services.AddSingleton(services);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = plan.GracefulShutdown + TimeSpan.FromSeconds(5));
        foreach (var (queue, concurrency) in plan.Queues)
        {
            var worker = builder.Services
                .AddHostedTemporalWorker(queue)
                .AddSingletonActivities<PlacementActivities>()
                .ConfigureOptions(o =>
                {
                    o.MaxConcurrentActivities = concurrency;
                    o.GracefulShutdownTimeout = plan.GracefulShutdown;
                });
            if (queue == TaskQueues.Workflows)
            {
                worker.AddWorkflow<PlacementRunWorkflow>();
            }
        }

        return builder.Build();
    }
}

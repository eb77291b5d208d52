namespace Placement.Bench;

/// <summary>Benchmark entry point: the first argument selects the suite.</summary>
public static class Program
{
    public static int Main(string[] args) => args.FirstOrDefault() switch
    {
        "planner" => PlannerBench.Run(args[1..]),
        _ => Usage(),
    };

    private static int Usage()
    {
        Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Placement.Bench -- SUITE [options]");
        Console.Error.WriteLine("suites: planner [--quick] [--only SHAPE] [--time-limit S] [--seed N] [--wfinstances DIR]");
        return 2;
    }
}

// Benchmarks: the first argument selects the suite; each suite prints its figures and ratios against a
// baseline measured in the same process.
return args.FirstOrDefault() switch
{
    "executor" => await Placement.Bench.ExecutorBench.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run --project bench/Placement.Bench -c Release -- SUITE [options]\nsuites: executor [nodes]");
    return 2;
}

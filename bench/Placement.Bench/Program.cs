using Placement.Bench;

// The first argument selects the suite; each suite lives in its own files (Simulator*.cs, ...).
return args.FirstOrDefault() switch
{
    "simulator" => SimulatorBench.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Placement.Bench -- SUITE [options]\nsuites: simulator");
    return 2;
}

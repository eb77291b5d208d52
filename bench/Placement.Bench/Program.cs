using Placement.Bench;

// The first argument selects the suite; each suite lives in its own files (Planner*.cs, Simulator*.cs, Executor*.cs)
// and prints its figures with ratios against a baseline measured in the same process.
return args.FirstOrDefault() switch
{
    "planner" => PlannerBench.Run(args[1..]),
    "realistic-scenario" => RealisticScenarioCommand(args[1..]),
    "simulator" => SimulatorBench.Run(args[1..]),
    "executor" => await ExecutorBench.RunAsync(args[1..]),
    "loadpath" => LoadPathBench.Run(args[1..]),
    "scale" => ScaleBench.Run(args[1..]),
    "cli" => CliBench.Run(args[1..]),
    "scale-one" => ScaleBench.RunOne(args[1..]),
    "crash" => await CrashBench.RunAsync(args[1..]),
    "engines" => EngineBench.Run(args[1..]),
    "repair" => RepairBench.Run(args[1..]),
    "model-build" => ModelBuildBench.Run(args[1..]),
    "realistic-probe" => RealisticProbe.Run(args[1..]),
    "realistic-lp" => RealisticLpProbe.Run(args[1..]),
    "local-search-probe" => LocalSearchProbe.Run(args[1..]),
    "anytime" => AnytimeProbe.Run(args[1..]),
    "abandon" => AbandonProbe.Run(args[1..]),
    _ => Usage(),
};

// Writes one generated scenario's YAML to stdout, to plan it from the CLI: realistic-scenario NODES [SEED].
static int RealisticScenarioCommand(string[] args)
{
    var nodes = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 200;
    var seed = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1;
    var pricing = Placement.Data.Workspace.LoadPricing(Placement.Data.Workspace.FindPricingFolder(null, null));
    Console.Out.Write(RealisticScenarios.Yaml(nodes, seed, pricing));
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Placement.Bench -- SUITE [options]");
    Console.Error.WriteLine("suites: planner [--quick|--scale|--realistic] [--only SHAPE] [--solvers A,B] [--time-limit S] [--gap PCT] [--seed N] [--notes] [--wfinstances DIR]");
    Console.Error.WriteLine("        realistic-scenario [NODES] [SEED]   (YAML of a generated scenario on stdout)");
    Console.Error.WriteLine("        realistic-probe [NODES] [SEED]      (structure of its planning problem: locations, rate classes, MILP sizes)");
    Console.Error.WriteLine("        realistic-lp [NODES] [SEED]         (MILP stages on it: build, assignment bound, LP stage, rounding)");
    Console.Error.WriteLine("        local-search-probe [NODES] [SEED] [--repeat N] [--time-limit S] [--no-rounding] [--budget USD]   (warm start and LP rounding timed)");
    Console.Error.WriteLine("        simulator");
    Console.Error.WriteLine("        executor [nodes]");
    Console.Error.WriteLine("        loadpath [TRACE.json|shape:N] [replicas] [repeats]");
    Console.Error.WriteLine("        scale [--quick] [--plan-limit S] [--replica-budget S]");
    Console.Error.WriteLine("        cli [--cli PATH] [--also PATH] [--dagsim PATH] [--sg-ref DIR] [--trace FILE] [--runs N]");
    Console.Error.WriteLine("        model-build [TASKS...]   (SimulationModel.Build on WfCommons shapes, default 1000 10000 100000)");
    Console.Error.WriteLine("        crash [--kills N] [--nodes N] [--seed S] [--sleep SECONDS]");
    Console.Error.WriteLine("        engines [--time-limit S] [--seed N] [--only FAMILY-SHAPE-NODES] [--engines cbc,scip] [--without budget,aa,colo,gpu] [--rows plain,strong] [--no-root]");
    Console.Error.WriteLine("        repair [--nodes 200,1000] [--time-limit S] [--seed N]   (the local-search warm start on the hard family)");
    return 2;
}

namespace Placement.Execution.Temporal.Scheduling;

/// <summary>
/// The deterministic scheduling rule of a run, pure: steps are numbered in plan order; a step is ready when every
/// step it waits for has succeeded; <see cref="TakeReady"/> hands out the newly ready steps in ascending order, each
/// once. A failed step stops every step downstream of it (they are never handed out) and nothing else, so other
/// branches finish. Same calls, same answers: the Temporal workflow replays it step for step.
/// </summary>
public sealed class ReadyLoop
{
    private readonly IReadOnlyList<IReadOnlyList<int>> after;
    private readonly List<int>[] dependants;
    private readonly int[] waiting;
    private readonly StepState[] state;
    private readonly SortedSet<int> ready = [];

    /// <summary>Creates the loop; <paramref name="after"/>[i] lists the steps step i waits for (each lower than i).</summary>
    public ReadyLoop(IReadOnlyList<IReadOnlyList<int>> after)
    {
        this.after = after;
        dependants = new List<int>[after.Count];
        waiting = new int[after.Count];
        state = new StepState[after.Count];
        for (var i = 0; i < after.Count; i++)
        {
            dependants[i] = [];
        }

        for (var i = 0; i < after.Count; i++)
        {
            foreach (var d in after[i].Distinct())
            {
                if (d < 0 || d >= i)
                {
                    throw new ArgumentException($"step {i} waits for step {d}: steps may only wait for earlier ones", nameof(after));
                }

                dependants[d].Add(i);
                waiting[i]++;
            }

            if (waiting[i] == 0)
            {
                ready.Add(i);
            }
        }
    }

    /// <summary>Number of steps.</summary>
    public int Count => after.Count;

    /// <summary>True when no step is ready or running: the run is over.</summary>
    public bool Finished => ready.Count == 0 && !state.Contains(StepState.Running);

    /// <summary>The state of step <paramref name="step"/>.</summary>
    public StepState StateOf(int step) => state[step];

    /// <summary>The ready steps not handed out yet, in plan order; they are now running.</summary>
    public IReadOnlyList<int> TakeReady()
    {
        var taken = ready.ToList();
        ready.Clear();
        foreach (var i in taken)
        {
            state[i] = StepState.Running;
        }

        return taken;
    }

    /// <summary>Records that a running step succeeded; its dependants whose every wait is over become ready.</summary>
    public void Succeeded(int step)
    {
        Expect(step, StepState.Running);
        state[step] = StepState.Succeeded;
        foreach (var d in dependants[step])
        {
            if (--waiting[d] == 0 && state[d] == StepState.Waiting)
            {
                ready.Add(d);
            }
        }
    }

    /// <summary>Records that a running step failed for good; every step downstream is stopped. Returns those steps, in order.</summary>
    public IReadOnlyList<int> Failed(int step)
    {
        Expect(step, StepState.Running);
        state[step] = StepState.Failed;
        var stopped = new SortedSet<int>();
        var stack = new Stack<int>([step]);
        while (stack.TryPop(out var s))
        {
            foreach (var d in dependants[s])
            {
                if (state[d] == StepState.Waiting && stopped.Add(d))
                {
                    state[d] = StepState.Stopped;
                    ready.Remove(d);
                    stack.Push(d);
                }
            }
        }

        return [.. stopped];
    }

    /// <summary>Stops every step not started yet (a cancelled run); running steps keep their state until they end.</summary>
    public void StopWaiting()
    {
        ready.Clear();
        for (var i = 0; i < state.Length; i++)
        {
            if (state[i] == StepState.Waiting)
            {
                state[i] = StepState.Stopped;
            }
        }
    }

    private void Expect(int step, StepState expected)
    {
        if (state[step] != expected)
        {
            throw new InvalidOperationException($"step {step} is {state[step]}, not {expected}");
        }
    }
}

/// <summary>Where a step is in a run.</summary>
public enum StepState
{
    /// <summary>Waiting for earlier steps (or ready, not handed out).</summary>
    Waiting,

    /// <summary>Handed out; its activity is in flight.</summary>
    Running,

    /// <summary>Done.</summary>
    Succeeded,

    /// <summary>Failed for good.</summary>
    Failed,

    /// <summary>Will not run: an earlier step failed, or the run was cancelled.</summary>
    Stopped,
}

// The runner sets the process's current folder to the notebook's (as Jupyter does), so notebooks run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

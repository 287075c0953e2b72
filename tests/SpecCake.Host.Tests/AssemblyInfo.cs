// The host sets the process working directory (--working), as Cake does: tests run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

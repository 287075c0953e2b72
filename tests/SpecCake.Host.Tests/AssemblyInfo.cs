// The host sets the process working directory (--working), as Cake does: tests run one at a time,
// in the order their shared builds are ready (BuildReadinessOrder).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
[assembly: TestCollectionOrderer(SpecCake.Host.Tests.BuildReadinessOrder.TypeName, SpecCake.Host.Tests.BuildReadinessOrder.AssemblyName)]

using SpecCake.Build;
using SpecCake.Build.Tasks;
using SpecCake.Host;

// This repository's build host and the SpecCake.Tool package (`dotnet speccake`) are this one
// program. Tasks are added one by one, not found by reflection: the host is also published NativeAOT.
return new CakeHost()
    .UseContext<BuildContext>()
    .UseApplicationName("dotnet speccake")
    .AddTask<DefaultTask>()
    .AddTask<ValidateSpecsTask>()
    .AddTask<NotifySpecEventTask>()
    .AddTask<SyncTrackersTask>()
    .AddTask<DetectSpecEventsTask>()
    .AddTask<InitTask>()
    .AddTask<TestIntegrationsTask>()
    .AddTask<CheckIntegrationsTask>()
    .AddTask<ImplementSpecTask>()
    .Run(args);

// SpecCake.Recipe: SpecCake's tasks for a Cake script. In your build.cake:
//
//   #load nuget:?package=SpecCake.Recipe&version=<version>
//   Task("Ci").IsDependentOn("ValidateSpecs");
//   RunTarget(Argument("target", "Ci"));
//
// Each task takes the same arguments as SpecCake's build host (`dotnet cake --target=NotifySpecEvent
// --event=pr_created --spec=FEAT-0001 --pr=42`), read by the addin's XxxSettings.FromArguments.
#addin nuget:?package=SpecCake&version=@VERSION@&loaddependencies=true

Task("ValidateSpecs")
    .Description("Validates every spec file and specs.config.yaml (--config=<file>).")
    .Does(context => context.ValidateSpecs(ValidateSpecsSettings.FromArguments(context.Arguments)));

Task("NotifySpecEvent")
    .Description("Sends a spec event to every subscribed integration (--event, --spec, --pr, --pr-url, --branch, --error, --logs-url, --reviewers, --duration).")
    .Does(context => context.NotifySpecEvent(NotifySpecEventSettings.FromArguments(context.Arguments)));

Task("SyncTrackers")
    .Description("Mirrors specs into Jira, Linear, Azure DevOps and GitHub Projects (--spec=<ID>, default every spec).")
    .Does(context => context.SyncTrackers(SyncTrackersSettings.FromArguments(context.Arguments)));

Task("DetectSpecEvents")
    .Description("Finds spec_created and spec_approved between two git refs and notifies them (--base=<ref>, --head=<ref>).")
    .Does(context => { context.DetectSpecEvents(DetectSpecEventsSettings.FromArguments(context.Arguments)); });

Task("Init")
    .Description("Sets SpecCake up in this repository: writes what is missing, then lists the secrets to add (--integrations=<name,name>, --agent=claude-code).")
    .Does(context => context.Init(InitSettings.FromArguments(context.Arguments)));

Task("TestIntegrations")
    .Description("Sends a clearly marked test message through every enabled integration (--only=<name,name>).")
    .Does(context => context.TestIntegrations(TestIntegrationsSettings.FromArguments(context.Arguments)));

Task("CheckIntegrations")
    .Description("Checks every enabled integration against its live service, read-only, and says how to fix what is wrong (--only=<name,name>).")
    .Does(context => context.CheckIntegrations(CheckIntegrationsSettings.FromArguments(context.Arguments)));

Task("ImplementSpec")
    .Description("Implements an approved spec with the configured agent and opens its pull request (--spec=<ID or path>, --force, --restart).")
    .Does(context => context.ImplementSpec(ImplementSpecSettings.FromArguments(context.Arguments)));

// Cake's own --dryrun runs no task body: the SpecCake tasks about to run preview here instead
// (requests printed with secrets masked, nothing sent), as with the build host's --dryrun.
Setup(setup => PreviewSpecCakeTasks(setup.TasksToExecute.Select(task => task.Name)));

// The bench's tasks, loaded by the entry script that run.sh writes with the packed addin version.
// Cake's own --dryrun would skip task bodies, so the preview is asked for in the settings.

Task("Notify")
    .Does(() => NotifySpecEvent(new NotifySpecEventSettings
    {
        ConfigFile = Argument<string>("config"),
        Event = Argument("event", "spec_approved"),
        Spec = Argument("spec", "FEAT-0001"),
        DryRun = true,
    }));

// The addin loaded and a trivial task: what the script runner costs before SpecCake does anything.
Task("Hello")
    .Does(() => Information("hello from {0}", typeof(NotifySpecEventSettings).Assembly.GetName().Name));

RunTarget(Argument("target", "Notify"));

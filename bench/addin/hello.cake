// Baseline: the Cake script runner with no addin and a trivial task.
Task("Hello").Does(() => Information("hello"));
RunTarget("Hello");

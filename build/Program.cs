using SpecCake.Build;
using SpecCake.Host;

return new CakeHost()
    .UseContext<BuildContext>()
    .Run(args);

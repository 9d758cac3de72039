using EvGrid.Optimization.Cli;

return CliApp.Run(args, Console.Out, Console.Error);

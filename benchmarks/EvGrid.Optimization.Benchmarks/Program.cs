using BenchmarkDotNet.Running;

// Runs the suites chosen on the command line, e.g.
//   dotnet run -c Release --project benchmarks/EvGrid.Optimization.Benchmarks -- --filter '*Sweep*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/TickCache.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

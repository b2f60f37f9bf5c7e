using Harness.Cli;

return await HarnessApp.RunAsync(args).ConfigureAwait(false);

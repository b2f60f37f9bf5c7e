using Harness.Cli.App;

return await HarnessApp.RunAsync(args).ConfigureAwait(false);

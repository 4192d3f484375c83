return await Analysis.Cli.Run(args, TimeProvider.System);

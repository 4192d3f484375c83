return await Analysis.Cli.Run(args);

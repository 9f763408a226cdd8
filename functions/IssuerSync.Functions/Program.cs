using IssuerSync.Functions;

return await HandlerHost.RunAsync(args, Console.Error);

global using IssuerSync.Testing.Cli;

global using IssuerSync.Agent.Tests.Fakes;
global using IssuerSync.Testing;
global using IssuerSync.Testing.Cluster;
global using IssuerSync.Testing.Cli;
global using IssuerSync.Testing.Push;
global using IssuerSync.Testing.Agent;

global using IssuerSync.Agent.Tests.Fakes;
global using IssuerSync.Testing;

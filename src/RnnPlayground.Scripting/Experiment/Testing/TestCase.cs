namespace RnnPlayground.Scripting.Experiment.Testing;

/// <summary>One case a test file defines with <c>test('name', function() … end)</c>.</summary>
/// <param name="Name">The case's name, unique in its file.</param>
/// <param name="Line">The line its function starts on, when Lua knows it.</param>
public sealed record TestCase(string Name, int? Line);

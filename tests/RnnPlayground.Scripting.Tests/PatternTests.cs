using System.Text;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Tests;

/// <summary>
/// string.find/match/gmatch/gsub run on the host's own matcher (Lua's runs in C, where the limits
/// cannot reach): it must give what Lua's gives, and a pattern that backtracks without end must be
/// stopped like a loop.
/// </summary>
public class PatternTests : HostFixture
{
    // Every pattern function, through the library and through the string metatable, in one line.
    private const string Show = """
        local function show(...)
          local t = {}
          for i = 1, select('#', ...) do t[i] = tostring((select(i, ...))) end
          return table.concat(t, ',')
        end
        local function try(f, ...)
          local r = table.pack(pcall(f, ...))
          if not r[1] then return 'error' end
          return show(table.unpack(r, 2, r.n))
        end
        local function all(s, p, init, repl)
          local parts = { try(string.find, s, p, init), try(string.find, s, p, init, true), try(string.match, s, p, init),
            try(function() return s:gsub(p, repl) end), try(function() return s:gsub(p, repl, 2) end),
            try(function() local r = {} for a, b in s:gmatch(p, init) do r[#r + 1] = tostring(a) .. '/' .. tostring(b) end return table.concat(r, ';') end) }
          return table.concat(parts, ' | ')
        end
        """;

    private static readonly string[] Cases =
    [
        "'hello world', 'o', 1, '0'", "'hello world', 'l+', 1, '<%0>'", "'hello world', '(o)(r)', 1, '%2%1'",
        "'hello world', '^h', 1, 'H'", "'hello world', '^w', 7, 'W'", "'hello world', 'd$', -3, 'D'",
        "'  trim me  ', '^%s*(.-)%s*$', 1, '[%1]'", "'key = value', '(%w+)%s*=%s*(%w+)', 1, '%2=%1'",
        "'THE (quick) fox', '%((%a+)%)', 1, '%1'", "'f(a(b)c)d', '%b()', 1, '#'", "'THE (quick) fox', '%f[%a]%a+', 1, '_'",
        "'abc', '', 1, '-'", "'abc', 'x*', 1, '-'", "'abc', '()', 1, '%1'", "'aaa', 'a-', 2, '.'",
        "'a.b.c', '%.', 1, '%%'", "'a,b,,c', '([^,]*)', 1, '<%1>'", "'hello', '(l)%1', 1, 'L'",
        "'x=1, y=22', '(%a)=(%d+)', 1, { x = 'X' }", "'abc', '%w', 1, function(c) return c:upper() end",
        "'abc', '(', 1, ''", "'abc', '[a', 1, ''", "'abc', '%', 1, ''", "'abc', '%g+', 10, 'q'", "'abc', 'b', -10, 'q'",
        "'äöü', '[\\195][\\164-\\188]', 1, '?'", "'12 3.5 -7', '%-?%d+%.?%d*', 1, 'N'", "'abc', 'b', 0, '%9'",
        "'a1b2c3', '%d', 1, false", "'path/to/file.lua', '([^/]+)%.lua$', 1, '%1.txt'", "'tab\\tnew\\nline', '%c', 1, ' '",
    ];

    [Test]
    public void PatternFunctionsGiveWhatLuasOwnGive()
    {
        using var lua = new KeraLua.Lua { Encoding = Encoding.UTF8 };
        var random = new Core.RandomSource(7);
        var cases = new List<string>(Cases);
        const string alphabet = "ab.%()[]^$*+-?dsw1";
        for (int i = 0; i < 300; i++)
        {
            var pattern = new StringBuilder();
            int length = 1 + (int)(random.NextFloat() * 6);
            for (int k = 0; k < length; k++) pattern.Append(alphabet[(int)(random.NextFloat() * alphabet.Length)]);
            var subject = new StringBuilder();
            int subjectLength = (int)(random.NextFloat() * 8);
            for (int k = 0; k < subjectLength; k++) subject.Append("ab1 ()"[(int)(random.NextFloat() * 6)]);
            cases.Add($"'{subject}', '{pattern.ToString().Replace("\\", "\\\\")}', {1 + (int)(random.NextFloat() * 3)}, '<%0>'");
        }
        foreach (string arguments in cases)
        {
            string chunk = $"{Show}\nreturn all({arguments})";
            Assert.That(lua.DoString(chunk), Is.False, $"reference Lua failed on {arguments}: {lua.ToString(-1)}");
            string expected = lua.ToString(-1);
            lua.SetTop(0);
            Assert.That(Host.Evaluate(chunk), Is.EqualTo(expected), arguments);
        }
    }

    [Test]
    public void ErrorsOfPatternFunctionsPointAtTheScript()
    {
        var malformed = Fails("local s = 'abc'\nlocal i = s:find('[a')\nreturn i", ScriptErrorKind.Runtime);
        Assert.That(malformed.Message, Is.EqualTo("scripts/x.lua:2: malformed pattern (missing ']')"));
        var argument = Fails("local r = string.gsub('abc', 'b', nil)\nreturn r", ScriptErrorKind.Runtime);
        Assert.That(argument.Message, Is.EqualTo("scripts/x.lua:1: bad argument #3 to 'gsub' (string/function/table expected, got no value)"));
        var replacement = Fails("local r = ('abc'):gsub('b', '%2')\nreturn r", ScriptErrorKind.Runtime);
        Assert.That(replacement.Message, Is.EqualTo("scripts/x.lua:1: invalid capture index %2 in replacement string"));
        var iterator = Fails("for w in ('abc'):gmatch('%') do\nend", ScriptErrorKind.Runtime);
        Assert.That(iterator.Message, Is.EqualTo("scripts/x.lua:1: malformed pattern (ends with '%')"));
    }
}

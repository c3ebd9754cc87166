using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Tests;

public class SandboxTests : HostFixture
{


    private ScriptException Refused(string source)
    {
        var error = Fails(source, ScriptErrorKind.Sandbox);
        Assert.That(error.Line, Is.Not.Null);
        return error;
    }

    [Test]
    public void OsExecuteIsRefused()
    {
        var error = Refused("local x = 1\nos.execute('touch /tmp/pwned')\nreturn {}");
        Assert.That(error.Message, Is.EqualTo("scripts/x.lua:2: os.execute is not available in experiment scripts"));
    }

    [Test]
    public void OsExitAndGetenvAreRefused()
    {
        Refused("os.exit(1)");
        Refused("local home = os.getenv('HOME')");
    }

    [Test]
    public void OsKeepsTimeClockAndDate()
    {
        Assert.That(Host.Evaluate("return type(os.time()) == 'number' and type(os.clock()) == 'number' and type(os.date('%Y')) == 'string'"), Is.EqualTo(true));
    }

    [Test]
    public void IoPopenIsRefused()
    {
        var error = Refused("local p = io.popen('id')\nreturn {}");
        Assert.That(error.Message, Does.StartWith("scripts/x.lua:1: io.popen is not available in experiment scripts; read files with rnn.read_text"));
    }

    [Test]
    public void IoOpenIsRefused()
    {
        var error = Refused("local text = io.open('/etc/passwd'):read('a')");
        Assert.That(error.Message, Does.StartWith("scripts/x.lua:1: io.open is not available"));
    }

    [Test]
    public void PackageLoadlibIsRefused()
    {
        var error = Refused("local f = package.loadlib('libc.so.6', 'system')");
        Assert.That(error.Message, Does.StartWith("scripts/x.lua:1: package.loadlib is not available"));
    }

    [Test]
    public void RequireOfACModuleIsRefused()
    {
        var error = Refused("local socket = require('socket.core')");
        Assert.That(error.Message, Is.EqualTo("scripts/x.lua:1: require is not available in experiment scripts; the host provides its modules as rnn.*"));
    }

    [Test]
    public void DofileAndLoadfileAreRefused()
    {
        Refused("dofile('/etc/passwd')");
        Refused("loadfile('scripts/x.lua')");
    }

    [Test]
    public void DebugLibraryIsRefused()
    {
        var error = Refused("debug.sethook(function() end, 'l')");
        Assert.That(error.Message, Is.EqualTo("scripts/x.lua:1: debug.sethook is not available in experiment scripts"));
        Refused("local registry = debug.getregistry()");
    }

    [Test]
    public void StringDumpIsRefusedAndNotReachableThroughStrings()
    {
        var error = Refused("local bytes = string.dump(function() end)");
        Assert.That(error.Message, Does.Contain("string.dump is not available"));
        Assert.That(Host.Evaluate("return ('').dump == nil"), Is.EqualTo(true));
    }

    [Test]
    public void LoadRefusesBinaryChunks()
    {
        // A Lua 5.4 binary chunk header: ESC "Lua" version 0x54 format 0 and LUAC_DATA.
        object? message = Host.Evaluate("local f, err = load('\\27Lua\\84\\0\\25\\147\\r\\n\\26\\n') return f == nil and err");
        Assert.That(message, Is.EqualTo("attempt to load a binary chunk (mode is 't')"));
        var error = Refused("local f = load('return 1', 'x', 'b')");
        Assert.That(error.Message, Does.Contain("load with mode 'b' is not allowed"));
    }

    [Test]
    public void ABinaryScriptFileIsRefused()
    {
        var error = Assert.Throws<ScriptException>(() => Host.LoadScriptSource("\u001bLuaT\0garbage", "scripts/x.lua"))!;
        Assert.That(error.Kind, Is.EqualTo(ScriptErrorKind.Sandbox));
        Assert.That(error.Message, Does.Contain("binary chunk"));
    }

    [Test]
    public void LoadedChunksRunInTheSandboxEnvironment()
    {
        Assert.That(Host.Evaluate("return load('return _G')() == _G"), Is.EqualTo(true));
        var error = Refused("load('os.execute(\"id\")')()");
        Assert.That(error.Message, Does.Contain("os.execute is not available"));
    }

    [Test]
    public void TheEnvironmentHoldsOnlyTheWhitelist()
    {
        object? names = Host.Evaluate(
            "local names = {} for k in pairs(_G) do names[#names + 1] = k end table.sort(names) return table.concat(names, ' ')");
        Assert.That(names, Is.EqualTo(
            "_G _VERSION assert collectgarbage coroutine debug dofile error getmetatable io ipairs load loadfile math next os " +
            "package pairs pcall print rawequal rawget rawlen rawset require rnn select setmetatable string table tonumber tostring type utf8 xpcall"));
        Assert.That(Host.Evaluate("local keys = {} for k in pairs(os) do keys[#keys + 1] = k end return #keys"), Is.EqualTo(10L),
            "time, clock, date and the seven refusing stand-ins");
    }

    [Test]
    public void StringMetatableCannotBeTamperedWith()
    {
        Assert.That(Host.Evaluate("return getmetatable('')"), Is.EqualTo(false));
        var error = Assert.Throws<ScriptException>(() => Host.Evaluate("getmetatable('').__index = { upper = function() return 'pwned' end }"))!;
        Assert.That(error.Message, Does.Contain("attempt to index a boolean value"));
        Assert.That(Host.Evaluate("string.upper = function() return 'mine' end return ('abc'):upper()"), Is.EqualTo("ABC"));
    }

    [Test]
    public void SetmetatableWithGcIsRefused()
    {
        var error = Refused("setmetatable({}, { __gc = function() os.exit() end })");
        Assert.That(error.Message, Is.EqualTo("scripts/x.lua:1: setmetatable with a __gc field is not allowed; scripts may not define finalizers"));
        Assert.That(Host.Evaluate("return getmetatable(setmetatable({}, { __index = {} })) ~= nil"), Is.EqualTo(true));
    }

    [Test]
    public void CollectgarbageAllowsOnlyCount()
    {
        Assert.That(Host.Evaluate("return collectgarbage('count') > 0"), Is.EqualTo(true));
        var error = Refused("collectgarbage()");
        Assert.That(error.Message, Does.Contain("collectgarbage('collect') is not available"));
    }

    [Test]
    public void HostTablesAreReadOnly()
    {
        var error = Refused("rnn.read_text = function() return 'fake' end");
        Assert.That(error.Message, Is.EqualTo("scripts/x.lua:1: rnn is read-only (cannot set field 'read_text')"));
        var raw = Refused("rawset(rnn, 'read_text', print)");
        Assert.That(raw.Message, Does.Contain("rawset on a host table is not allowed"));
        Assert.That(Host.Evaluate("return getmetatable(rnn)"), Is.EqualTo(false));
    }

    [Test]
    public void ReadingEtcPasswdThroughTheFileHelperIsRefused()
    {
        var error = Refused("local text = rnn.read_text('/etc/passwd')");
        Assert.That(error.Message, Is.EqualTo(
            "scripts/x.lua:1: rnn.read_text: reading '/etc/passwd' is not allowed: scripts may read files only under scripts/data/, scripts/"));
    }

    [Test]
    public void DotDotEscapesAreRefused()
    {
        var error = Refused("local text = rnn.read_text('../secret.txt')");
        Assert.That(error.Message, Does.Contain("reading '../secret.txt' is not allowed"));
        Refused("local text = rnn.read_text('data/../../secret.txt')");
    }

    [Test]
    public void SymlinkEscapesAreRefused()
    {
        File.CreateSymbolicLink(Path.Combine(Folder.Root, "scripts", "data", "link.txt"), Path.Combine(Folder.Root, "secret.txt"));
        Directory.CreateSymbolicLink(Path.Combine(Folder.Root, "scripts", "data", "etc"), "/etc");
        Refused("local text = rnn.read_text('data/link.txt')");
        Refused("local text = rnn.read_text('data/etc/passwd')");
    }

    [Test]
    public void ReadingUnderTheScriptFolderWorks()
    {
        Host.LoadScriptSource("experiment = { text = rnn.read_text('data/temps.csv') }", "scripts/x.lua");
        Assert.That(Host.Evaluate("return experiment.text"), Is.EqualTo("t\n1.5\n2.5\n"));
    }

    [Test]
    public void WritingOutsideTheOutputFolderIsRefused()
    {
        var error = Refused("rnn.write_text('../../scripts/evil.lua', 'os.exit()')");
        Assert.That(error.Message, Is.EqualTo(
            "scripts/x.lua:1: rnn.write_text: writing '../../scripts/evil.lua' is not allowed: scripts may write files only under out/run/"));
        Refused("rnn.write_text('/tmp/evil.txt', 'x')");
        Assert.That(File.Exists(Path.Combine(Folder.Root, "scripts", "evil.lua")), Is.False);
    }

    [Test]
    public void WritingThroughADanglingLinkOutsideIsRefused()
    {
        string outside = Path.Combine(Folder.Root, "planted.txt");
        File.CreateSymbolicLink(Path.Combine(Folder.OutputDirectory, "report.txt"), outside);
        Refused("rnn.write_text('report.txt', 'x')");
        Assert.That(File.Exists(outside), Is.False);
    }

    [Test]
    public void WritingInsideTheOutputFolderWorks()
    {
        Host.LoadScriptSource("rnn.write_text('notes/summary.txt', 'loss 0.1') return {}", "scripts/x.lua");
        Assert.That(File.ReadAllText(Path.Combine(Folder.OutputDirectory, "notes", "summary.txt")), Is.EqualTo("loss 0.1"));
    }
}

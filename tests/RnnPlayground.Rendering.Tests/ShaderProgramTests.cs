using RnnPlayground.Rendering.GlObjects;

namespace RnnPlayground.Rendering.Tests;

public class ShaderProgramTests : OffscreenTestBase
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory()
    {
        _directory = Path.Combine(Path.GetTempPath(), "rnnplay-shaders-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        foreach (var file in Directory.GetFiles(ShaderProgram.DefaultDirectory))
        {
            File.Copy(file, Path.Combine(_directory, Path.GetFileName(file)));
        }
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void TheShippedShadersAreCopiedBesideTheAssemblyAndCompile()
    {
        Assert.That(File.Exists(Path.Combine(ShaderProgram.DefaultDirectory, "shape.vert")), Is.True);
        using var shape = ShaderProgram.Load(Context.Gl, "shape");
        using var glyph = ShaderProgram.Load(Context.Gl, "glyph");
        using var fill = ShaderProgram.Load(Context.Gl, "fill");
        Assert.That(shape.Location("uViewport"), Is.GreaterThanOrEqualTo(0));
        Assert.That(fill.Location("uViewport"), Is.GreaterThanOrEqualTo(0));
        Assert.That(glyph.Location("uAtlas"), Is.GreaterThanOrEqualTo(0));
    }

    [Test]
    public void ASyntaxErrorThrowsNamingTheFileAndTheDriversLog()
    {
        var path = Path.Combine(_directory, "shape.frag");
        File.WriteAllText(path, File.ReadAllText(path).Replace("fragColor = vec4(vColor.rgb, alpha);", "fragColor = vec4(vColor.rgb alpha);"));
        var e = Assert.Throws<ShaderException>(() => ShaderProgram.Load(Context.Gl, "shape", _directory))!;
        Assert.That(e.FileName, Is.EqualTo(path));
        Assert.That(e.Message, Does.StartWith(path + ": compile failed"));
        Assert.That(e.Message, Does.Contain("error").IgnoreCase);
    }

    [Test]
    public void AMissingFileThrowsNamingIt()
    {
        File.Delete(Path.Combine(_directory, "glyph.vert"));
        var e = Assert.Throws<ShaderException>(() => ShaderProgram.Load(Context.Gl, "glyph", _directory))!;
        Assert.That(e.Message, Does.Contain("glyph.vert: shader file not found"));
    }

    [Test]
    public void AMissingUniformIsAnError()
    {
        using var program = ShaderProgram.Load(Context.Gl, "shape", _directory);
        var e = Assert.Throws<ShaderException>(() => program.SetUniform("uViewprt", 1f))!;
        Assert.That(e.Message, Does.Contain("'uViewprt'"));
    }
}

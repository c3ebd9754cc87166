using System.Numerics;
using Silk.NET.OpenGL;

namespace RnnPlayground.Rendering.GlObjects;

/// <summary>
/// A linked GLSL program built from <c>NAME.vert</c> and <c>NAME.frag</c> in the shader directory
/// (by default <c>shaders/</c> next to this assembly). Compile and link errors throw
/// <see cref="ShaderException"/> with the file name and the driver's log; so does a missing uniform.
/// </summary>
public sealed class ShaderProgram : IDisposable
{
    private readonly GL _gl;
    private readonly Dictionary<string, int> _uniforms = new(StringComparer.Ordinal);
    private bool _disposed;

    private ShaderProgram(GL gl, string name, uint handle)
    {
        _gl = gl;
        Name = name;
        Handle = handle;
    }

    /// <summary>Where shaders are looked for by default: <c>shaders/</c> beside the application.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "shaders");

    /// <summary>
    /// The shaders/ folder a developer edits: the repository's (the nearest folder above the
    /// application holding <c>RnnPlayground.sln</c> and <c>shaders/</c>), else <see cref="DefaultDirectory"/>
    /// (an installed build). The live window loads and watches this one, so saving a shader in the
    /// repository reloads it.
    /// </summary>
    public static string SourceDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var shaders = Path.Combine(dir.FullName, "shaders");
            if (File.Exists(Path.Combine(dir.FullName, "RnnPlayground.sln")) && File.Exists(Path.Combine(shaders, "shape.frag")))
            {
                return shaders;
            }
        }

        return DefaultDirectory;
    }

    public string Name { get; }

    public uint Handle { get; }

    /// <summary>Compiles and links <c>{directory}/{name}.vert</c> and <c>{directory}/{name}.frag</c>.</summary>
    public static ShaderProgram Load(GL gl, string name, string? directory = null)
    {
        ArgumentNullException.ThrowIfNull(gl);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        directory ??= DefaultDirectory;
        var vertexPath = Path.Combine(directory, name + ".vert");
        var fragmentPath = Path.Combine(directory, name + ".frag");
        var vertex = Compile(gl, ShaderType.VertexShader, vertexPath);
        uint fragment;
        try
        {
            fragment = Compile(gl, ShaderType.FragmentShader, fragmentPath);
        }
        catch
        {
            gl.DeleteShader(vertex);
            throw;
        }

        var program = gl.CreateProgram();
        gl.AttachShader(program, vertex);
        gl.AttachShader(program, fragment);
        gl.LinkProgram(program);
        gl.DetachShader(program, vertex);
        gl.DetachShader(program, fragment);
        gl.DeleteShader(vertex);
        gl.DeleteShader(fragment);
        gl.GetProgram(program, ProgramPropertyARB.LinkStatus, out var linked);
        if (linked == 0)
        {
            var log = gl.GetProgramInfoLog(program).Trim();
            gl.DeleteProgram(program);
            throw new ShaderException(vertexPath, $"{vertexPath} + {Path.GetFileName(fragmentPath)}: link failed: {log}");
        }

        return new ShaderProgram(gl, name, program);
    }

    public void Use() => _gl.UseProgram(Handle);

    public void SetUniform(string name, int value) => _gl.Uniform1(Location(name), value);

    public void SetUniform(string name, float value) => _gl.Uniform1(Location(name), value);

    public void SetUniform(string name, Vector2 value) => _gl.Uniform2(Location(name), value.X, value.Y);

    public void SetUniform(string name, Vector4 value) => _gl.Uniform4(Location(name), value.X, value.Y, value.Z, value.W);

    /// <summary>The uniform's location; throws when the linked program has no active uniform of that name.</summary>
    public int Location(string name)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_uniforms.TryGetValue(name, out var location))
        {
            return location;
        }

        location = _gl.GetUniformLocation(Handle, name);
        if (location < 0)
        {
            throw new ShaderException(Name, $"shader '{Name}': no active uniform '{name}' (misspelt, or unused and removed by the compiler)");
        }

        _uniforms[name] = location;
        return location;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _gl.DeleteProgram(Handle);
    }

    private static uint Compile(GL gl, ShaderType type, string path)
    {
        if (!File.Exists(path))
        {
            throw new ShaderException(path, $"{path}: shader file not found");
        }

        var shader = gl.CreateShader(type);
        gl.ShaderSource(shader, File.ReadAllText(path));
        gl.CompileShader(shader);
        gl.GetShader(shader, ShaderParameterName.CompileStatus, out var compiled);
        if (compiled == 0)
        {
            var log = gl.GetShaderInfoLog(shader).Trim();
            gl.DeleteShader(shader);
            throw new ShaderException(path, $"{path}: compile failed: {log}");
        }

        return shader;
    }
}

using System.IO.Compression;
using System.Text;
using Harness.Platform.Templates;

namespace Harness.Platform.Tests.Templates;

/// <summary>
/// requirements.txt is installed at build time into the artifact (pip --target), offline: the wheel is one this test
/// writes itself, found with --no-index --find-links.
/// </summary>
public sealed class PipRequirementsTests : IDisposable
{
    private readonly TemplateFixture _fx = new();

    [Fact]
    public void Requirements_are_installed_into_the_artifact_and_the_handler_imports_them()
    {
        var wheels = WriteWheel("harnessdemo", "1.0", "def shout(x):\n    return x.upper() + '!'\n");
        var handler = _fx.Handler("fn",
            ("handler.py", "import harnessdemo\n\ndef handle(req):\n    return harnessdemo.shout(req)\n"),
            ("requirements.txt", "# offline\nharnessdemo==1.0\n"));

        var artifact = FunctionBuilder.Build(new FunctionBuildRequest
        {
            FunctionName = "deps",
            Lang = "python3",
            HandlerDirectory = handler,
            OutputDirectory = Path.Combine(_fx.Root, "deps"),
            PipArguments = ["--no-index", "--find-links", wheels],
        });

        Assert.True(File.Exists(Path.Combine(artifact.Directory, "python", "harnessdemo", "__init__.py")));
        Assert.Equal("HI!", RunFork(artifact.Directory, "hi"));
    }

    [Fact]
    public void Options_inside_requirements_txt_work_for_an_offline_build()
    {
        var wheels = WriteWheel("harnessdemo2", "2.0", "VALUE = 'from-wheel'\n");
        var handler = _fx.Handler("fn2",
            ("handler.py", "from harnessdemo2 import VALUE\n\ndef handle(req):\n    return VALUE\n"),
            ("requirements.txt", $"--no-index\n--find-links {wheels}\nharnessdemo2\n"));

        var artifact = FunctionBuilder.Build(new FunctionBuildRequest
        {
            FunctionName = "deps2",
            Lang = "python3-http",
            HandlerDirectory = handler,
            OutputDirectory = Path.Combine(_fx.Root, "deps2"),
            Mode = "serializing",
        });

        Assert.True(Directory.Exists(Path.Combine(artifact.Directory, "python", "harnessdemo2")));
    }

    [Fact]
    public void A_failed_install_fails_the_build_with_the_file_and_pips_message_and_writes_nothing()
    {
        var empty = Path.Combine(_fx.Root, "no-wheels");
        Directory.CreateDirectory(empty);
        var handler = _fx.Handler("bad",
            ("handler.py", "import requests\n\ndef handle(req):\n    return req\n"),
            ("requirements.txt", "no-such-package-harness==9.9\n"));
        var output = Path.Combine(_fx.Root, "bad-out");

        var ex = Assert.Throws<FunctionBuildException>(() => FunctionBuilder.Build(new FunctionBuildRequest
        {
            FunctionName = "bad",
            Lang = "python3",
            HandlerDirectory = handler,
            OutputDirectory = output,
            PipArguments = ["--no-index", "--find-links", empty],
        }));

        var error = Assert.Single(ex.Errors);
        Assert.Contains(Path.Combine(handler, "requirements.txt"), error, StringComparison.Ordinal);
        Assert.Contains("pip install failed", error, StringComparison.Ordinal);
        Assert.Contains("no-such-package-harness", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
        Assert.Empty(Directory.EnumerateDirectories(_fx.Root, ".bad-out.building-*"));
    }

    public void Dispose() => _fx.Dispose();

    /// <summary>A minimal pure-Python wheel (PEP 427): the package, METADATA, WHEEL and RECORD.</summary>
    private string WriteWheel(string name, string version, string init)
    {
        var dir = Path.Combine(_fx.Root, "wheels-" + name);
        Directory.CreateDirectory(dir);
        var info = $"{name}-{version}.dist-info";
        var files = new Dictionary<string, string>
        {
            [$"{name}/__init__.py"] = init,
            [$"{info}/METADATA"] = $"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n",
            [$"{info}/WHEEL"] = "Wheel-Version: 1.0\nGenerator: harness-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
        };
        using (var zip = ZipFile.Open(Path.Combine(dir, $"{name}-{version}-py3-none-any.whl"), ZipArchiveMode.Create))
        {
            var record = new StringBuilder();
            foreach (var (path, content) in files)
            {
                using (var writer = new StreamWriter(zip.CreateEntry(path).Open()))
                {
                    writer.Write(content);
                }

                var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(content))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
                record.Append(System.Globalization.CultureInfo.InvariantCulture, $"{path},sha256={hash},{Encoding.UTF8.GetByteCount(content)}\n");
            }

            record.Append(System.Globalization.CultureInfo.InvariantCulture, $"{info}/RECORD,,\n");
            using var recordWriter = new StreamWriter(zip.CreateEntry($"{info}/RECORD").Open());
            recordWriter.Write(record.ToString());
        }

        return dir;
    }

    private static string RunFork(string dir, string stdin)
    {
        var (code, output, stderr) = ForkProcess.Run(dir, stdin);
        Assert.True(code == 0, stderr);
        return output[(output.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
    }
}

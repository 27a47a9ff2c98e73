using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using CqSourceS3.Client.Discovery;

namespace CqSourceS3.Tests.Shared;

/// <summary>
/// Points this test process's default footer cache folder away from the user's before any test of the assembly runs
/// (see <see cref="TestCacheHome"/>). Compiled into each test assembly rather than into test/Shared: the Client lets the
/// test assemblies see its internal <see cref="FooterCacheFile"/>, and a module initializer runs with its own assembly.
/// </summary>
internal static class FooterCacheRedirect
{
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries", Justification = "A test assembly: the redirect must come before every test, whichever runs first.")]
    internal static void Initialize() => TestCacheHome.Redirect(FooterCacheFile.DefaultDirectory());
}

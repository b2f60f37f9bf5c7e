using System.Security.Cryptography;

namespace Harness.Platform.Gateway;

/// <summary>The gateway's basic-auth user and password, kept as OpenFaaS keeps them: files <c>basic-auth-user</c> and <c>basic-auth-password</c>.</summary>
/// <param name="User">The user name (<c>admin</c> when generated).</param>
/// <param name="Password">The password: a secret: <see cref="ToString"/> leaves it out.</param>
public sealed record BasicAuthCredentials(string User, string Password)
{
    /// <summary>The name of the file that holds the user, in the state folder (and the Kubernetes Secret's key).</summary>
    public const string UserFileName = "basic-auth-user";
    /// <summary>The name of the file that holds the password, in the state folder (and the Kubernetes Secret's key).</summary>
    public const string PasswordFileName = "basic-auth-password";

    /// <summary>Reads the files in <paramref name="directory"/> (trimmed), or creates them (mode 0600) with user <c>admin</c> and a random password.</summary>
    internal static BasicAuthCredentials LoadOrCreate(string directory, out bool created)
    {
        var userPath = Path.Combine(directory, UserFileName);
        var passwordPath = Path.Combine(directory, PasswordFileName);
        if (File.Exists(userPath) && File.Exists(passwordPath))
        {
            created = false;
            var user = File.ReadAllText(userPath).Trim();
            var password = File.ReadAllText(passwordPath).Trim();
            if (user.Length == 0 || password.Length == 0)
            {
                throw new InvalidDataException($"{(user.Length == 0 ? userPath : passwordPath)} is empty; delete both files to generate new credentials");
            }

            return new BasicAuthCredentials(user, password);
        }

        Directory.CreateDirectory(directory);
        var generated = new BasicAuthCredentials("admin", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20)));
        WritePrivate(userPath, generated.User);
        WritePrivate(passwordPath, generated.Password);
        created = true;
        return generated;
    }

    /// <summary>Constant-time check of a presented user and password.</summary>
    internal bool Matches(ReadOnlySpan<char> user, ReadOnlySpan<char> password) =>
        FixedTimeEquals(user, User) & FixedTimeEquals(password, Password);

    private static bool FixedTimeEquals(ReadOnlySpan<char> presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(presented),
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(expected.AsSpan()));

    // Created 0600 under a temporary name and renamed, so the secret is never readable by others, not even briefly.
    private static void WritePrivate(string path, string content)
        => Local.AtomicFile.Write(path, System.Text.Encoding.UTF8.GetBytes(content));

    /// <summary>The user only: the record's generated text would print the password into any log or exception message.</summary>
    public override string ToString() => $"basic auth for {User}";
}

using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace Harness.Benchmarks;

/// <summary>
/// Runs every <c>[Benchmark]</c> method of this assembly exactly once (global setup, the method, global cleanup) without
/// BenchmarkDotNet's runner: a seconds-long check that the benchmarks still set up and run, for tests and <c>--smoke</c>.
/// </summary>
internal static class BenchmarkSmoke
{
    /// <summary>One line per benchmark method: its name and the exception it threw (null when it ran).</summary>
    public static IReadOnlyList<(string Benchmark, Exception? Error)> RunAll()
    {
        var results = new List<(string, Exception?)>();
        foreach (var type in Types())
        {
            var methods = type.GetMethods().Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null).ToList();
            object? instance = null;
            try
            {
                instance = Activator.CreateInstance(type)!;
                Invoke<GlobalSetupAttribute>(type, instance);
            }
            catch (Exception e)
            {
                results.AddRange(methods.Select(m => ($"{type.Name}.{m.Name}", (Exception?)Unwrap(e))));
                continue;
            }

            foreach (var method in methods)
            {
                results.Add(($"{type.Name}.{method.Name}", Run(instance, method)));
            }

            try
            {
                Invoke<GlobalCleanupAttribute>(type, instance);
            }
            catch (Exception e)
            {
                results.Add(($"{type.Name} cleanup", Unwrap(e)));
            }
        }

        return results;
    }

    /// <summary>Every public class with at least one <c>[Benchmark]</c> method.</summary>
    public static IReadOnlyList<Type> Types() => typeof(BenchmarkSmoke).Assembly.GetTypes()
        .Where(t => t.IsPublic && t.IsClass && !t.IsAbstract && t.GetMethods().Any(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null))
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToList();

    private static Exception? Run(object instance, MethodInfo method)
    {
        try
        {
            var result = method.Invoke(instance, null);
            if (result is Task task)
            {
                task.GetAwaiter().GetResult();
            }
            else if (result is ValueTask valueTask)
            {
                valueTask.AsTask().GetAwaiter().GetResult();
            }

            return null;
        }
        catch (Exception e)
        {
            return Unwrap(e);
        }
    }

    private static void Invoke<TAttribute>(Type type, object instance)
        where TAttribute : Attribute
    {
        foreach (var m in type.GetMethods().Where(m => m.GetCustomAttribute<TAttribute>() is not null))
        {
            m.Invoke(instance, null);
        }
    }

    private static Exception Unwrap(Exception e) => e is TargetInvocationException { InnerException: { } inner } ? inner : e;
}

using System.Runtime.InteropServices;

namespace LiftWing.Server.Hosting;

/// <summary>
/// The two glibc malloc calls LiftWing uses to keep native memory (ONNX Runtime's weights and tensors, the model
/// loaders' buffers) from staying resident after it is freed. Both are no-ops that return false where the C library
/// is not glibc (other OSes, musl), so callers never need to know.
/// </summary>
internal static class GlibcMalloc
{
    // mallopt parameter numbers from glibc's malloc.h.
    private const int MmapThreshold = -3;

    /// <summary>
    /// Fixes the size from which malloc serves a block with its own mmap (given back to the OS on free). glibc
    /// starts at 128 KiB but raises the threshold up to 32 MiB each time a large block is freed, after which big
    /// buffers come from the heap, whose free pages stay resident; a fixed threshold turns that off.
    /// </summary>
    public static bool TrySetMmapThreshold(int bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytes);
        return Call(() => mallopt(MmapThreshold, bytes) == 1);
    }

    /// <summary>Returns the free pages of every malloc arena to the OS (<c>malloc_trim(0)</c>). True when glibc ran it.</summary>
    public static bool TryTrim() => Call(static () => malloc_trim(0) >= 0);

    private static bool Call(Func<bool> call)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return call();
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    // Blittable signatures: no marshalling stub is generated, so DllImport needs no unsafe code.
    [DllImport("libc", EntryPoint = "mallopt")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int mallopt(int param, int value);

    [DllImport("libc", EntryPoint = "malloc_trim")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int malloc_trim(nuint pad);
}

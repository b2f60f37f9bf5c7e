namespace Harness.Node.Fsync;

/// <summary>The etcd documentation's fio job: sequential <see cref="BlockSize"/>-byte writes, each followed by fdatasync.</summary>
internal sealed record FsyncProbeOptions
{
    public const int EtcdBlockSize = 2300;
    public const long EtcdTotalBytes = 22L * 1024 * 1024;

    public int BlockSize { get; init; } = EtcdBlockSize;
    public long TotalBytes { get; init; } = EtcdTotalBytes;
    /// <summary>The probe stops early (and says so) after this long, so a very slow disk cannot hang the run.</summary>
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromMinutes(3);

    public int Writes => (int)Math.Max(1, TotalBytes / BlockSize);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (BlockSize is < 512 or > 16 * 1024 * 1024)
        {
            errors.Add($"block size {BlockSize}: expected 512 bytes to 16 MiB");
        }

        if (TotalBytes < BlockSize || TotalBytes > 4L * 1024 * 1024 * 1024)
        {
            errors.Add($"size {TotalBytes}: expected at least one block and at most 4 GiB");
        }

        if (MaxDuration <= TimeSpan.Zero)
        {
            errors.Add("max duration must be positive");
        }

        return errors;
    }
}

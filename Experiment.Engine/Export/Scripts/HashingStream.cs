using System.Security.Cryptography;

namespace Experiment.Engine.Export.Scripts;

/// <summary>
/// Passes writes through to the file or zip entry and hashes them on the way, so dataset_description.json can
/// give the SHA-256 of each file as written without reading it back (a zip entry cannot be read back).
/// </summary>
sealed class HashingStream(Stream inner) : Stream
{
    readonly IncrementalHash sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public string Sha256() => Convert.ToHexStringLower(sha.GetCurrentHash());

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        sha.AppendData(buffer);
        inner.Write(buffer);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
    {
        sha.AppendData(buffer.Span);
        return inner.WriteAsync(buffer, ct);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        WriteAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override void Flush() => inner.Flush();
    public override Task FlushAsync(CancellationToken ct) => inner.FlushAsync(ct);
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>The caller owns the inner stream.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing) sha.Dispose();
        base.Dispose(disposing);
    }
}

namespace Experiment.Engine.Export;

/// <summary>
/// A local file whose asynchronous writes are done in place. .NET on Linux has no asynchronous file I/O, so every
/// WriteAsync of a FileStream is handed to a thread-pool thread and the export continues on yet another one; for
/// CsvHelper's 64 KiB chunks into the page cache those hops cost more CPU than the write (bench/export-profile.md).
/// </summary>
sealed class LocalFileStream(string path) : Stream
{
    readonly FileStream file = new(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => file.Length;
    public override long Position { get => file.Position; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => file.Write(buffer, offset, count);
    public override void Write(ReadOnlySpan<byte> buffer) => file.Write(buffer);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        file.Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        WriteAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override void Flush() => file.Flush();
    public override Task FlushAsync(CancellationToken ct) { file.Flush(); return Task.CompletedTask; }

    protected override void Dispose(bool disposing)
    {
        if (disposing) file.Dispose();
        base.Dispose(disposing);
    }

    public override ValueTask DisposeAsync()
    {
        file.Dispose();
        return ValueTask.CompletedTask;
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}

import T2VEngine

/// Opens a video file for writing; the container follows the extension: .mp4 (H.264, yuv420p,
/// moov first once closed; a fragmented MP4 while written), .mkv (H.264) or .y4m (raw yuv420p).
/// An unwritable path, a missing directory, a FIFO or a socket fails here. NULL on failure.
/// Close with t2v_output_close() and free with t2v_output_free().
@c(t2v_output_new)
public func t2vOutputNew(_ path: UnsafePointer<CChar>?) -> UnsafeMutableRawPointer? {
    guardedValue { retain(try Output(path: try string(path, "path"))) }
}

/// Appends a segment. The first segment fixes the file's size and frame rate; a segment of
/// another size or rate, or whose data does not match its metadata, fails with
/// T2V_ERR_SEGMENT_MISMATCH and leaves the file as it was.
/// T2V_OK means every frame of the segment is in the file (written to the OS), so it survives the
/// process being killed. A write error (T2V_ERR_IO: a full disk, a file-size limit) leaves that
/// segment out; later writes fail, and t2v_output_close() keeps every segment written before.
@c(t2v_output_write_segment)
public func t2vOutputWriteSegment(_ output: UnsafeMutableRawPointer?, _ segment: UnsafeRawPointer?) -> Int32 {
    guarded {
        let o: Output = try borrow(output, "output")
        let s: Segment = try borrow(segment, "segment")
        try o.write(s)
    }
}

/// Finalises the file (writes the index; an .mp4 is remuxed into a plain MP4). After a write error,
/// cuts the file back to the last segment written and finalises that; T2V_OK then means every
/// segment t2v_output_write_segment() accepted is in a readable file. Idempotent.
@c(t2v_output_close)
public func t2vOutputClose(_ output: UnsafeMutableRawPointer?) -> Int32 {
    guarded { try (borrow(output, "output") as Output).close() }
}

/// Closes the file if still open and frees the output. NULL does nothing.
@c(t2v_output_free)
public func t2vOutputFree(_ output: UnsafeMutableRawPointer?) {
    guard let output else { return }
    try? Unmanaged<Output>.fromOpaque(output).takeUnretainedValue().close()
    release(output, as: Output.self)
}

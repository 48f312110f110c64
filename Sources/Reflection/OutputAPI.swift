import T2VEngine

/// Opens a video file for writing; the container follows the extension: .mp4 (H.264, yuv420p,
/// moov first), .mkv (H.264) or .y4m (raw yuv420p). An unwritable path or missing directory fails
/// here. NULL on failure. Close with t2v_output_close() and free with t2v_output_free().
@c(t2v_output_new)
public func t2vOutputNew(_ path: UnsafePointer<CChar>?) -> UnsafeMutableRawPointer? {
    guardedValue { retain(try Output(path: try string(path, "path"))) }
}

/// Appends a segment. The first segment fixes the file's size and frame rate; a segment of
/// another size or rate, or whose data does not match its metadata, fails with
/// T2V_ERR_SEGMENT_MISMATCH and leaves the file as it was.
@c(t2v_output_write_segment)
public func t2vOutputWriteSegment(_ output: UnsafeMutableRawPointer?, _ segment: UnsafeRawPointer?) -> Int32 {
    guarded {
        let o: Output = try borrow(output, "output")
        let s: Segment = try borrow(segment, "segment")
        try o.write(s)
    }
}

/// Finalises the file (flushes the encoder, writes the index). Idempotent.
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

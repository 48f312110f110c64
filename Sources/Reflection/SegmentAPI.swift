import T2VEngine

/// Creates a segment from the caller's frames (copied) and a JSON object of metadata. To be
/// written, the metadata needs width, height, frame_rate and num_frames matching `size` bytes of
/// packed rgb24; that is checked by t2v_output_write_segment(). NULL on failure.
/// Free with t2v_segment_free().
@c(t2v_segment_new)
public func t2vSegmentNew(
    _ data: UnsafePointer<UInt8>?, _ size: UInt, _ metadata_json: UnsafePointer<CChar>?
) -> UnsafeMutableRawPointer? {
    guardedValue {
        guard size <= UInt(Int.max) else { throw T2VError.invalidArgument("size \(size) is too large") }
        if size > 0 { _ = try require(data, "data") }
        let meta = try json(metadata_json, "metadata_json")
        let bytes = UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : Int(size))
        return retain(try Segment(copying: bytes, metadata: meta))
    }
}

/// Frees a segment. NULL does nothing.
@c(t2v_segment_free)
public func t2vSegmentFree(_ segment: UnsafeMutableRawPointer?) { release(segment, as: Segment.self) }

/// The segment's frames: packed rgb24, frame after frame, rows top to bottom. Borrowed: valid
/// while the segment lives. Stores the byte count in *out_size (if not NULL). NULL on failure.
@c(t2v_segment_data)
public func t2vSegmentData(_ segment: UnsafeRawPointer?, _ out_size: UnsafeMutablePointer<UInt>?) -> UnsafePointer<UInt8>? {
    out_size?.pointee = 0
    return guardedValue {
        let s: Segment = try borrow(segment, "segment")
        out_size?.pointee = UInt(s.bytes.count)
        return s.bytes.baseAddress
    }.flatMap { $0 }
}

/// The segment's metadata as a JSON object the caller frees with t2v_string_free(); NULL on failure.
@c(t2v_segment_metadata)
public func t2vSegmentMetadata(_ segment: UnsafeRawPointer?) -> UnsafeMutablePointer<CChar>? {
    guardedValue {
        let s: Segment = try borrow(segment, "segment")
        return ownedCString(s.metadata.serialized)
    }.flatMap { $0 }
}

/// A number of the segment's geometry: its metadata read and checked against its data, as
/// t2v_output_write_segment() checks it. nil on failure (the last error says why).
private func geometryValue<T>(_ segment: UnsafeRawPointer?, _ value: (Segment.Geometry) -> T) -> T? {
    guardedValue {
        let s: Segment = try borrow(segment, "segment")
        return value(try s.geometry())
    }
}

/// The segment's frame width in pixels; 0 on failure (NULL segment, or metadata that does not
/// describe its data: t2v_last_error() says why).
@c(t2v_segment_width)
public func t2vSegmentWidth(_ segment: UnsafeRawPointer?) -> Int32 { geometryValue(segment) { Int32($0.width) } ?? 0 }

/// The segment's frame height in pixels; 0 on failure (as t2v_segment_width()).
@c(t2v_segment_height)
public func t2vSegmentHeight(_ segment: UnsafeRawPointer?) -> Int32 { geometryValue(segment) { Int32($0.height) } ?? 0 }

/// The segment's number of frames; 0 on failure (as t2v_segment_width()).
@c(t2v_segment_num_frames)
public func t2vSegmentNumFrames(_ segment: UnsafeRawPointer?) -> Int32 { geometryValue(segment) { Int32($0.numFrames) } ?? 0 }

/// The segment's frames per second; 0 on failure (as t2v_segment_width()).
@c(t2v_segment_frame_rate)
public func t2vSegmentFrameRate(_ segment: UnsafeRawPointer?) -> Double { geometryValue(segment) { $0.frameRate } ?? 0 }

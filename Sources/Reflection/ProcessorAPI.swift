import T2VEngine

/// Creates a text-to-video processor on a context; its parameters start as the context's
/// configuration. NULL on failure. Free with t2v_processor_free().
@c(t2v_processor_new)
public func t2vProcessorNew(_ context: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    retainChild(of: context) { Processor(context: $0) }
}

/// Frees a processor. NULL does nothing.
@c(t2v_processor_free)
public func t2vProcessorFree(_ processor: UnsafeMutableRawPointer?) { release(processor, as: Processor.self) }

/// Generates `seconds_per_text` of video for one text as one segment, synchronously.
/// On T2V_OK, *out_segment is a new segment the caller frees with t2v_segment_free().
@c(t2v_processor_process_text)
public func t2vProcessorProcessText(
    _ processor: UnsafeMutableRawPointer?, _ text: UnsafePointer<CChar>?,
    _ out_segment: UnsafeMutablePointer<UnsafeMutableRawPointer?>?
) -> Int32 {
    out_segment?.pointee = nil
    return guarded {
        let out = try require(out_segment, "out_segment")
        let p: Processor = try borrow(processor, "processor")
        out.pointee = retain(try p.process(try string(text, "text")))
    }
}

/// Sets a parameter from JSON text (e.g. name "seed", value_json "7").
@c(t2v_processor_set_parameter)
public func t2vProcessorSetParameter(
    _ processor: UnsafeMutableRawPointer?, _ name: UnsafePointer<CChar>?, _ value_json: UnsafePointer<CChar>?
) -> Int32 {
    guarded {
        let p: Processor = try borrow(processor, "processor")
        try p.setParameter(try string(name, "name"), try json(value_json, "value_json"))
    }
}

/// A parameter's value as JSON text the caller frees with t2v_string_free(); NULL on failure.
@c(t2v_processor_get_parameter)
public func t2vProcessorGetParameter(
    _ processor: UnsafeRawPointer?, _ name: UnsafePointer<CChar>?
) -> UnsafeMutablePointer<CChar>? {
    guardedValue {
        let p: Processor = try borrow(processor, "processor")
        return ownedCString(try p.parameter(try string(name, "name")).serialized)
    }.flatMap { $0 }
}

/// Sets (or, with NULL, removes) the processor's progress callback, called on the calling thread
/// during t2v_processor_process_text(); returning false cancels it with T2V_ERR_CANCELLED.
@c(t2v_processor_set_progress_callback)
public func t2vProcessorSetProgressCallback(
    _ processor: UnsafeMutableRawPointer?, _ callback: T2VProgressCallback?, _ user_data: UnsafeMutableRawPointer?
) -> Int32 {
    setProgressCallback(processor, "processor", as: Processor.self, callback, user_data)
}

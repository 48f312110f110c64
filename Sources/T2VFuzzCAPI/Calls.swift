// The calls of a program: each reads its arguments from the input, makes the C API call, and
// checks its result (Checks.swift).

import Reflection
import T2VSupport
#if canImport(Glibc)
import Glibc
#endif

extension Program {
    // MARK: Contexts

    /// A configuration: a fixed one, the base with keys replaced (known keys or fuzzed names, with
    /// listed or fuzzed values), or fuzzed text.
    func configText() -> [UInt8]? {
        switch index(4) {
        case 0:
            return pick(Choices.configs).map { Array($0.utf8) }
        case 1, 2:
            var pairs = Choices.baseConfig.map { ("\"\($0.0)\"", $0.1) }
            for _ in 0...index(3) {
                let key = index(8) == 7 ? "\"" + String(decoding: chunk(max: 12), as: UTF8.self) + "\"" : "\"\(pick(Choices.keys))\""
                let value = index(4) == 3 ? String(decoding: chunk(max: 24), as: UTF8.self) : pick(Choices.values)
                pairs.removeAll { $0.0 == key }
                pairs.append((key, value))
            }
            return Array(("{" + pairs.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "}").utf8)
        default:
            return chunk(max: 200)
        }
    }

    func contextNew() {
        let i = index(contexts.count)
        let config = configText()
        let call = "t2v_context_new(\(config?.printable ?? "NULL"))"
        let handle = withCText(config) { t2vContextNew($0) }
        checkHandle(call, handle)
        guard let handle else { return }
        // Its configuration is an object, and a context made from it reports the same text.
        guard let (text, value) = takeJSON("t2v_context_config", t2vContextConfig(handle), object: true) else {
            fail("t2v_context_config failed on a live context")
        }
        let again = t2vContextNew(text)
        checkHandle("t2v_context_new(its own configuration)", again)
        guard let again else { fail("a context's own configuration was refused: \(lastErrorText(self))") }
        guard let (textAgain, _) = takeJSON("t2v_context_config", t2vContextConfig(again), object: true), textAgain == text else {
            fail("a context made from a context's configuration reports another configuration")
        }
        t2vContextFree(again)
        guard isCheap(value) else {
            note("too costly to use: freed")
            skipped += 1
            t2vContextFree(handle)
            return
        }
        freeContext(i)
        contexts[i] = handle
    }

    /// Whether a context's streams and processors stay within the budget: the built-in model,
    /// a few threads, and texts of at most `Budget.pixelFrames`.
    func isCheap(_ config: JSONValue) -> Bool {
        guard config["model"]?.stringValue == "builtin",
            let threads = config["threads"]?.nonNegativeInt, threads <= Budget.threads
        else { return false }
        return isCheap(resolution: config["resolution"], frameRate: config["frame_rate"], secondsPerText: config["seconds_per_text"])
    }

    func isCheap(resolution: JSONValue?, frameRate: JSONValue?, secondsPerText: JSONValue?) -> Bool {
        guard let resolution = resolution?.stringValue, let rate = frameRate?.number, let seconds = secondsPerText?.number,
            let cost = pixelFrames(resolution: resolution, frameRate: rate, secondsPerText: seconds)
        else { return false }
        return cost <= Double(Budget.pixelFrames)
    }

    func contextConfig() {
        let i = index(contexts.count)
        guard let handle = contexts[i] else {
            _ = takeJSON("t2v_context_config(NULL)", t2vContextConfig(nil), object: true)
            return
        }
        guard takeJSON("t2v_context_config(context \(i))", t2vContextConfig(handle), object: true) != nil else {
            fail("t2v_context_config failed on a live context")
        }
    }

    // MARK: Streams

    func streamNew() {
        let c = index(contexts.count)
        let s = index(streams.count)
        let handle = t2vStreamNew(contexts[c])
        checkHandle("t2v_stream_new(context \(c)\(contexts[c] == nil ? ": NULL" : ""))", handle)
        if contexts[c] != nil, handle == nil { fail("t2v_stream_new failed on a live context") }
        guard let handle else { return }
        freeStream(s)
        streams[s] = StreamSlot(handle: handle)
    }

    func streamStart() {
        let s = index(streams.count)
        guard let slot = streams[s] else {
            checkStatus("t2v_stream_start(NULL)", t2vStreamStart(nil), allowed: [T2V.errInvalidArgument])
            return
        }
        // A context checks its configuration so that a stream of it starts; once only.
        let allowed: Set<Int32> = slot.state == .created ? [T2V.ok] : [T2V.errState]
        checkStatus("t2v_stream_start(stream \(s))", t2vStreamStart(slot.handle), allowed: allowed)
        if slot.state == .created { streams[s]?.state = .started }
    }

    /// A text: a listed one, fuzzed bytes (maybe not UTF-8), or NULL.
    func text() -> [UInt8]? {
        let choice = index(Choices.texts.count + 4)
        if choice < Choices.texts.count { return Array(Choices.texts[choice].utf8) }
        return choice == Choices.texts.count ? nil : chunk(max: 48)
    }

    func streamSendText() {
        let s = index(streams.count)
        let text = self.text()
        let valid = isValidText(text)
        let call = "t2v_stream_send_text(stream \(s), \(text?.printable ?? "NULL"))"
        guard let slot = streams[s] else {
            checkStatus(call, withCText(text) { t2vStreamSendText(nil, $0) }, allowed: [T2V.errInvalidArgument])
            return
        }
        // The text is checked first; then only a started stream takes it (one whose callback may
        // have cancelled it is stopped by then, maybe).
        let allowed: Set<Int32> =
            !valid ? [T2V.errInvalidArgument]
            : slot.state != .started ? [T2V.errState]
            : slot.mayCancel ? [T2V.ok, T2V.errState] : [T2V.ok]
        checkStatus(call, withCText(text) { t2vStreamSendText(slot.handle, $0) }, allowed: allowed)
    }

    func timeout() -> Double {
        let choice = index(Choices.timeouts.count + 1)
        return choice < Choices.timeouts.count ? Choices.timeouts[choice] : double()
    }

    /// What receive_segment may return on stream `slot` with `timeout` (and `outNull`: no
    /// out_segment pointer).
    func receiveAllowed(_ slot: StreamSlot?, timeout: Double, outNull: Bool) -> Set<Int32> {
        guard let slot, !outNull, !timeout.isNaN else { return [T2V.errInvalidArgument] }
        switch slot.state {
        case .created:
            return [T2V.endOfStream]
        case .stopped:
            // An error of the worker from before the stop is still reported once.
            return [T2V.endOfStream, T2V.errEngine, T2V.errCancelled]
        case .started:
            var allowed: Set<Int32> = [T2V.ok, T2V.endOfStream, T2V.errEngine, T2V.errCancelled]
            // Negative, +infinity and anything beyond a few days are no limit: never a timeout.
            if timeout >= 0 && timeout <= 1e6 { allowed.insert(T2V.timeout) }
            return allowed
        }
    }

    func streamReceive() {
        let s = index(streams.count)
        let timeout = self.timeout()
        let outNull = index(16) == 15
        let target = index(segments.count)
        let call = "t2v_stream_receive_segment(stream \(s), \(timeout)\(outNull ? ", NULL" : ""))"
        let allowed = receiveAllowed(streams[s], timeout: timeout, outNull: outNull)
        var out: UnsafeMutableRawPointer? = UnsafeMutableRawPointer(bitPattern: 0xdead)
        let status = outNull ? t2vStreamReceiveSegment(streams[s]?.handle, timeout, nil)
            : t2vStreamReceiveSegment(streams[s]?.handle, timeout, &out)
        checkStatus(call, status, allowed: allowed)
        if !outNull { keepReceived(out, status: status, call: call, at: target) }
        if status == T2V.ok { received += 1 }
    }

    /// A segment returned by receive_segment or process_text: set exactly when T2V_OK, and then
    /// a segment whose frames are the size its metadata declares.
    func keepReceived(_ out: UnsafeMutableRawPointer?, status: Int32, call: String, at i: Int) {
        guard status == T2V.ok else {
            if out != nil { fail("\(call) returned \(status) but set *out_segment") }
            return
        }
        guard let out else { fail("\(call) returned T2V_OK without a segment") }
        var size: UInt = 0
        guard t2vSegmentData(out, &size) != nil || size == 0 else { fail("t2v_segment_data failed on a new segment") }
        guard let (_, metadata) = takeJSON("t2v_segment_metadata", t2vSegmentMetadata(out), object: true) else {
            fail("t2v_segment_metadata failed on a new segment")
        }
        guard let declared = declaredBytes(metadata), declared == Int(size), size > 0 else {
            fail("\(call): a segment of \(size) bytes with metadata \(metadata.serialized.prefix(200))")
        }
        guard let w = metadata["width"]?.nonNegativeInt, let h = metadata["height"]?.nonNegativeInt,
            let rate = metadata["frame_rate"]?.number
        else { fail("\(call): metadata without width, height or frame_rate") }
        store(SegmentSlot(handle: out, size: Int(size), geometry: Geometry(width: w, height: h, frameRate: rate)), at: i)
    }

    func streamStop() {
        let s = index(streams.count)
        guard let slot = streams[s] else {
            checkStatus("t2v_stream_stop(NULL)", t2vStreamStop(nil), allowed: [T2V.errInvalidArgument])
            return
        }
        checkStatus("t2v_stream_stop(stream \(s))", t2vStreamStop(slot.handle), allowed: [T2V.ok])
        streams[s]?.state = .stopped
    }

    /// receive_segment without a limit while another thread stops the stream after 0–4 ms: the
    /// one call the header allows on a stream from two threads at once. The wait ends at the
    /// stop at the latest.
    func streamStopDuringReceive() {
        let s = index(streams.count)
        let delay = UInt32(index(9)) * 500
        let target = index(segments.count)
        guard let slot = streams[s] else { return }
        let call = "t2v_stream_receive_segment(stream \(s), -1) with t2v_stream_stop after \(delay) µs"
        let request = UnsafeMutablePointer<StopRequest>.allocate(capacity: 1)
        request.initialize(to: StopRequest(stream: slot.handle, delay: delay, status: -1))
        defer { request.deallocate() }
        var thread = pthread_t()
        guard pthread_create(&thread, nil, stopAfterDelay, request) == 0 else { fail("cannot start a thread") }
        var out: UnsafeMutableRawPointer?
        let status = t2vStreamReceiveSegment(slot.handle, -1, &out)
        pthread_join(thread, nil)
        var allowed = receiveAllowed(slot, timeout: -1, outNull: false)
        allowed.remove(T2V.timeout)
        checkStatus(call, status, allowed: allowed)
        if request.pointee.status != T2V.ok { fail("t2v_stream_stop from another thread returned \(request.pointee.status)") }
        keepReceived(out, status: status, call: call, at: target)
        if status == T2V.ok { received += 1 }
        streams[s]?.state = .stopped
    }

    func streamProgress() {
        let s = index(streams.count)
        let remove = index(4) == 3
        let cancelAt = Int(byte())
        guard let slot = streams[s] else {
            checkStatus("t2v_stream_set_progress_callback(NULL)", t2vStreamSetProgressCallback(nil, progressCallback, nil),
                allowed: [T2V.errInvalidArgument])
            return
        }
        let status = t2vStreamSetProgressCallback(
            slot.handle, remove ? nil : progressCallback, UnsafeMutableRawPointer(bitPattern: cancelAt + 1))
        checkStatus("t2v_stream_set_progress_callback(stream \(s), \(remove ? "NULL" : "cancel at \(cancelAt)"))", status,
            allowed: [T2V.ok])
        if !remove && cancelAt < 255 { streams[s]?.mayCancel = true }
    }

    // MARK: Processors

    func processorNew() {
        let c = index(contexts.count)
        let p = index(processors.count)
        let handle = t2vProcessorNew(contexts[c])
        checkHandle("t2v_processor_new(context \(c)\(contexts[c] == nil ? ": NULL" : ""))", handle)
        if contexts[c] != nil, handle == nil { fail("t2v_processor_new failed on a live context") }
        guard let handle else { return }
        freeProcessor(p)
        processors[p] = (handle, false)
    }

    /// A parameter name: a configuration key (most are parameters, some are not), fuzzed bytes, or NULL.
    func parameterName() -> [UInt8]? {
        switch index(8) {
        case 7: return nil
        case 6: return chunk(max: 16)
        default: return Array(pick(Choices.keys).utf8)
        }
    }

    func processorSet() {
        let p = index(processors.count)
        let name = parameterName()
        let value: [UInt8]? = index(16) == 15 ? nil : index(4) == 3 ? chunk(max: 24) : Array(pick(Choices.values).utf8)
        let call = "t2v_processor_set_parameter(processor \(p), \(name?.printable ?? "NULL"), \(value?.printable ?? "NULL"))"
        let status = withCText(name) { n in withCText(value) { v in t2vProcessorSetParameter(processors[p]?.handle, n, v) } }
        checkStatus(call, status, allowed: [T2V.ok, T2V.errInvalidArgument, T2V.errType])
    }

    /// Reads a parameter; a value read sets back unchanged and reads the same.
    func processorGet() {
        let p = index(processors.count)
        let name = parameterName()
        let call = "t2v_processor_get_parameter(processor \(p), \(name?.printable ?? "NULL"))"
        let result = withCText(name) { t2vProcessorGetParameter(processors[p]?.handle, $0) }
        guard let (text, _) = takeJSON(call, result, object: false), let handle = processors[p]?.handle else { return }
        let status = withCText(name) { n in t2vProcessorSetParameter(handle, n, text) }
        checkStatus("t2v_processor_set_parameter(the value read)", status, allowed: [T2V.ok])
        let again = withCText(name) { t2vProcessorGetParameter(handle, $0) }
        guard let (textAgain, _) = takeJSON(call, again, object: false), textAgain == text else {
            fail("a parameter set to the value read reads otherwise")
        }
    }

    /// The processor's current resolution, frame rate and seconds per text are within the budget.
    func processorIsCheap(_ handle: UnsafeMutableRawPointer) -> Bool {
        func parameter(_ name: String) -> JSONValue? {
            takeJSON("t2v_processor_get_parameter(\(name))", t2vProcessorGetParameter(handle, name), object: false)?.value
        }
        return isCheap(resolution: parameter("resolution"), frameRate: parameter("frame_rate"), secondsPerText: parameter("seconds_per_text"))
    }

    func processorProcess() {
        let p = index(processors.count)
        let text = self.text()
        let outNull = index(16) == 15
        let target = index(segments.count)
        let call = "t2v_processor_process_text(processor \(p), \(text?.printable ?? "NULL")\(outNull ? ", NULL" : ""))"
        guard let slot = processors[p] else {
            var out: UnsafeMutableRawPointer?
            checkStatus(call, withCText(text) { t2vProcessorProcessText(nil, $0, &out) }, allowed: [T2V.errInvalidArgument])
            if out != nil { fail("\(call) set *out_segment") }
            return
        }
        guard processorIsCheap(slot.handle) else {
            note("\(call): too costly, skipped")
            skipped += 1
            return
        }
        let allowed: Set<Int32> =
            outNull || !isValidText(text) ? [T2V.errInvalidArgument] : slot.mayCancel ? [T2V.ok, T2V.errCancelled] : [T2V.ok]
        var out: UnsafeMutableRawPointer? = UnsafeMutableRawPointer(bitPattern: 0xdead)
        let status = withCText(text) { outNull ? t2vProcessorProcessText(slot.handle, $0, nil) : t2vProcessorProcessText(slot.handle, $0, &out) }
        checkStatus(call, status, allowed: allowed)
        if !outNull {
            keepReceived(out, status: status, call: call, at: target)
            if status == T2V.ok { processed += 1 }
        }
    }

    func processorProgress() {
        let p = index(processors.count)
        let remove = index(4) == 3
        let cancelAt = Int(byte())
        guard let slot = processors[p] else {
            checkStatus("t2v_processor_set_progress_callback(NULL)", t2vProcessorSetProgressCallback(nil, progressCallback, nil),
                allowed: [T2V.errInvalidArgument])
            return
        }
        let status = t2vProcessorSetProgressCallback(
            slot.handle, remove ? nil : progressCallback, UnsafeMutableRawPointer(bitPattern: cancelAt + 1))
        checkStatus("t2v_processor_set_progress_callback(processor \(p), \(remove ? "NULL" : "cancel at \(cancelAt)"))", status,
            allowed: [T2V.ok])
        processors[p]?.mayCancel = !remove && cancelAt < 255
    }

    // MARK: Segments

    /// Frames and metadata for segment_new: a geometry from the lists with frames to match (or
    /// one byte off), its metadata perhaps altered; or fuzzed bytes and fuzzed metadata text.
    func segmentArguments() -> (data: [UInt8]?, size: Int, metadata: [UInt8]?, geometry: Geometry?) {
        if index(4) == 3 {
            let data = chunk(max: 64)
            let nullData = index(8) == 7
            let metadata: [UInt8]? = index(16) == 15 ? nil : index(2) == 0 ? chunk(max: 96) : Array(#"{"note": "fuzz"}"#.utf8)
            return (nullData ? nil : data, data.count, metadata, nil)
        }
        let (w, h) = pick(Choices.sizes)
        let frames = 1 + index(4)
        let rate = pick(Choices.frameRates)
        var size = w * h * 3 * frames
        var pairs = [("width", "\(w)"), ("height", "\(h)"), ("frame_rate", rate), ("num_frames", "\(frames)")]
        var intact = true
        switch index(8) {
        case 0: pairs.remove(at: index(pairs.count)); intact = false
        case 1: pairs[index(pairs.count)].1 = pick(Choices.values); intact = false
        case 2: pairs.append(("pixel_format", pick([#""rgb24""#, #""yuv420p""#, "24", #""RGB24""#])))
        case 3: size += index(2) == 0 ? 1 : -1; intact = false
        case 4: pairs.append(("text", #""a kite""#))
        default: break
        }
        let seed = byte()
        // Frames of one colour with a stripe every 97 bytes (filled by memset: this is a debug build).
        var data = [UInt8](repeating: seed, count: Swift.max(0, size))
        for k in stride(from: 0, to: data.count, by: 97) { data[k] = ~seed }
        let metadata = "{" + pairs.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
        // Geometry that write_segment must accept: well-formed, even sides of 16 or more (yuv420p
        // video; a context's own limits), a rate in range.
        let writable = intact && w % 2 == 0 && h % 2 == 0 && w >= 16 && h >= 16 && pairs.last?.1 != #""yuv420p""#
            && pairs.last?.1 != "24" && pairs.last?.1 != #""RGB24""#
        let rateValue = Double(rate).flatMap { $0 >= 0.001 && $0 <= 240 ? $0 : nil }
        let geometry = writable ? rateValue.map { Geometry(width: w, height: h, frameRate: $0) } : nil
        return (data, size, Array(metadata.utf8), geometry)
    }

    func segmentNew() {
        let i = index(segments.count)
        let (data, size, metadata, geometry) = segmentArguments()
        let call = "t2v_segment_new(\(data == nil ? "NULL" : "\(size) bytes"), \(size), \(metadata?.printable ?? "NULL"))"
        // Empty frames still come with a valid pointer (to a byte that is not read), or NULL.
        let storage = data.map { $0.isEmpty ? [0] : $0 }
        let handle = withCText(metadata) { m in
            storage.map { d in d.withUnsafeBufferPointer { t2vSegmentNew($0.baseAddress, UInt(size), m) } }
                ?? t2vSegmentNew(nil, UInt(size), m)
        }
        checkHandle(call, handle)
        guard let handle else { return }
        if data == nil && size > 0 { fail("\(call) accepted NULL data of \(size) bytes") }
        // The frames are a copy of the caller's.
        var got: UInt = 0
        let pointer = t2vSegmentData(handle, &got)
        guard Int(got) == size, size == 0 || (pointer != nil && memcmp(pointer!, data!, size) == 0) else {
            fail("\(call): t2v_segment_data gives \(got) bytes, not the \(size) given")
        }
        store(SegmentSlot(handle: handle, size: size, geometry: geometry), at: i)
    }

    /// A new segment from another one's frames and metadata text: it reads back the same.
    func segmentCopy() {
        let from = index(segments.count)
        let to = index(segments.count)
        guard let source = segments[from] else { return }
        var size: UInt = 0
        let data = t2vSegmentData(source.handle, &size)
        guard Int(size) == source.size, data != nil || size == 0 else { fail("t2v_segment_data(segment \(from)) changed") }
        guard let (text, _) = takeJSON("t2v_segment_metadata(segment \(from))", t2vSegmentMetadata(source.handle), object: true) else {
            fail("t2v_segment_metadata failed on a live segment")
        }
        let handle = t2vSegmentNew(data, size, text)
        checkHandle("t2v_segment_new(segment \(from)'s data and metadata)", handle)
        guard let handle else { fail("a segment's own data and metadata were refused: \(lastErrorText(self))") }
        guard let (textAgain, _) = takeJSON("t2v_segment_metadata(copy)", t2vSegmentMetadata(handle), object: true), textAgain == text
        else { fail("a segment made from a segment's metadata reports other metadata") }
        // Frames and geometry as the source's (store frees the old segment at `to`, maybe the source).
        store(SegmentSlot(handle: handle, size: source.size, geometry: source.geometry), at: to)
    }

    func segmentRead() {
        let i = index(segments.count)
        let nullSize = index(4) == 0
        guard let slot = segments[i] else {
            var size: UInt = 7
            if t2vSegmentData(nil, &size) != nil || size != 0 { fail("t2v_segment_data(NULL) returned data") }
            checkHandle("t2v_segment_data(NULL)", nil)
            _ = takeJSON("t2v_segment_metadata(NULL)", t2vSegmentMetadata(nil), object: true)
            return
        }
        var size: UInt = 7
        let data = nullSize ? t2vSegmentData(slot.handle, nil) : t2vSegmentData(slot.handle, &size)
        if !nullSize && Int(size) != slot.size { fail("t2v_segment_data(segment \(i)) gives \(size) bytes, not \(slot.size)") }
        if data == nil && slot.size > 0 { fail("t2v_segment_data(segment \(i)) returned NULL") }
        if let data, slot.size > 0 {
            // Copy every byte out (AddressSanitizer checks that the whole range is live).
            var copy = [UInt8](repeating: 0, count: slot.size)
            memcpy(&copy, data, slot.size)
            note("t2v_segment_data(segment \(i)) -> \(slot.size) bytes, first \(copy[0]), last \(copy[slot.size - 1])")
        }
        guard takeJSON("t2v_segment_metadata(segment \(i))", t2vSegmentMetadata(slot.handle), object: true) != nil else {
            fail("t2v_segment_metadata failed on a live segment")
        }
    }

    // MARK: Outputs

    func outputNew() {
        let o = index(outputs.count)
        let kind = index(8)
        let ext = pick(Choices.extensions)
        let name = pick(["a", "b"])
        let path: [UInt8]?
        switch kind {
        case 4: path = nil
        case 5: path = []
        case 6: path = Array((OutputFolder.path + "/missing/" + name + ext).utf8)
        case 7: path = Array(OutputFolder.path.utf8)
        default: path = Array((OutputFolder.path + "/" + name + ext).utf8)
        }
        let inFolder = kind < 4
        let call = "t2v_output_new(\(path?.printable ?? "NULL"))"
        let handle = withCText(path) { t2vOutputNew($0) }
        checkHandle(call, handle)
        if inFolder && Choices.knownContainers.contains(ext) && handle == nil { fail("\(call) failed in a writable folder") }
        if (inFolder && Choices.unknownContainers.contains(ext) || kind == 4 || kind == 5 || kind == 6) && handle != nil {
            fail("\(call) succeeded")
        }
        if inFolder && Choices.unknownContainers.contains(ext) && t2vLastStatus() != T2V.errUnsupported {
            fail("\(call) failed with \(t2vLastStatus()), not T2V_ERR_UNSUPPORTED")
        }
        guard let handle else { return }
        freeOutput(o)
        outputs[o] = OutputSlot(handle: handle)
    }

    func outputWrite() {
        let o = index(outputs.count)
        let s = index(segments.count)
        let call = "t2v_output_write_segment(output \(o), segment \(s))"
        guard let output = outputs[o], let segment = segments[s] else {
            checkStatus(call + " (NULL)", t2vOutputWriteSegment(outputs[o]?.handle, segments[s]?.handle), allowed: [T2V.errInvalidArgument])
            return
        }
        let status = t2vOutputWriteSegment(output.handle, segment.handle)
        // A well-formed segment of the output's geometry (or the first) is written while it is open.
        if !output.closed, !output.failed, let g = segment.geometry, output.geometry == nil || output.geometry == g {
            checkStatus(call, status, allowed: [T2V.ok])
        } else if output.closed {
            checkStatus(call, status, allowed: [T2V.errState, T2V.errSegmentMismatch])
        } else {
            checkStatus(call, status)
        }
        if status == T2V.ok {
            written += 1
            if output.geometry == nil { outputs[o]?.geometry = segment.geometry }
            if segment.geometry == nil { outputs[o]?.failed = true }  // its geometry is not known here
        } else if status != T2V.errSegmentMismatch {
            outputs[o]?.failed = true
        }
    }

    func outputClose() {
        let o = index(outputs.count)
        guard let output = outputs[o] else {
            checkStatus("t2v_output_close(NULL)", t2vOutputClose(nil), allowed: [T2V.errInvalidArgument])
            return
        }
        let status = t2vOutputClose(output.handle)
        // Idempotent: once closed, closing again is T2V_OK.
        checkStatus("t2v_output_close(output \(o))", status, allowed: output.closed ? [T2V.ok] : nil)
        outputs[o]?.closed = true
    }

    // MARK: The rest of the library

    func library() {
        let code = Int32(bitPattern: uint32())
        let status = index(2) == 0 ? code : Int32(index(12))
        guard let text = t2vStatusString(status), String(validatingCString: text).map({ !$0.isEmpty }) == true else {
            fail("t2v_status_string(\(status)) is not a text")
        }
        guard t2vAbiVersion() == 1, t2vVersion().flatMap({ String(validatingCString: $0) })?.split(separator: ".").count == 3 else {
            fail("t2v_abi_version() is not the header's or t2v_version() is not MAJOR.MINOR.PATCH")
        }
        let status2 = t2vLastStatus()
        guard T2V.known.contains(status2) else { fail("t2v_last_status() is \(status2)") }
        note("t2v_status_string(\(status)) -> \(String(cString: text))")
        _ = lastErrorText(self)
    }
}

/// What the stopping thread of `streamStopDuringReceive` needs, and the status it got.
struct StopRequest {
    var stream: UnsafeMutableRawPointer
    var delay: UInt32
    var status: Int32
}

private func stopAfterDelay(_ argument: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    let request = argument!.assumingMemoryBound(to: StopRequest.self)
    if request.pointee.delay > 0 { usleep(request.pointee.delay) }
    request.pointee.status = t2vStreamStop(request.pointee.stream)
    return nil
}

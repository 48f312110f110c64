import CFFmpeg

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Rewrites a closed video file into its final layout without re-encoding: every packet is copied
/// into a new file beside it (same muxer, other options), which is then renamed over the original.
/// `VideoWriter` uses it to turn the fragmented MP4 it streams into a plain one with `faststart`, and
/// to give a Matroska file cut back after a failure its cues and duration again.
///
/// The original is replaced only once the copy is complete; on any failure (typically no room on
/// the disk for the copy) the copy is removed and the original stays as it was. The copy takes the
/// original's permission bits. A symlink at the path is followed: its target is replaced, the link stays.
enum Remuxer {
    /// Remuxes `path` in place with the muxer `muxerName` and `options`. Returns whether it did;
    /// `false` leaves `path` untouched. Only regular files are remuxed.
    static func remuxInPlace(path: String, muxerName: String, options: [(key: String, value: String)]) -> Bool {
        (try? remux(path: path, muxerName: muxerName, options: options)) != nil
    }

    /// As `remuxInPlace`, throwing the reason on failure.
    static func remux(path: String, muxerName: String, options: [(key: String, value: String)]) throws {
        guard let resolved = realpath(path, nil) else {
            throw MediaError(kind: .io, message: "cannot resolve '\(path)': \(String(cString: strerror(errno)))")
        }
        let target = String(cString: resolved)
        free(resolved)
        var info = stat()
        guard stat(target, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw MediaError(kind: .io, message: "'\(path)' is not a regular file; it is left as written")
        }
        let temporary = try makeSiblingFile(of: target, mode: info.st_mode & 0o7777)
        do {
            try copyPackets(from: target, to: temporary, muxerName: muxerName, options: options)
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, target) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw MediaError(kind: .io, message: "cannot replace '\(target)' with its remuxed copy: \(reason)")
        }
    }

    /// Creates an empty file with a fresh name in `target`'s folder (so the rename cannot cross file
    /// systems) with permission bits `mode`, and returns its path.
    private static func makeSiblingFile(of target: String, mode: mode_t) throws -> String {
        let slash = target.lastIndex(of: "/")
        let folder = slash.map { String(target[..<$0]) } ?? "."
        let name = slash.map { String(target[target.index(after: $0)...]) } ?? target
        for _ in 0..<16 {
            let candidate = "\(folder)/.\(name).remux-\(UInt32.random(in: .min ... .max))"
            let fd = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
            if fd >= 0 {
                fchmod(fd, mode)  // open's mode passes through the umask; the original's bits are wanted
                close(fd)
                return candidate
            }
            if errno != EEXIST {
                throw MediaError(kind: .io, message: "cannot create a file beside '\(target)': \(String(cString: strerror(errno)))")
            }
        }
        throw MediaError(kind: .io, message: "cannot find a free name beside '\(target)'")
    }

    /// Copies every packet of every stream of `source` into a new `muxerName` file at `destination`.
    private static func copyPackets(
        from source: String, to destination: String, muxerName: String, options: [(key: String, value: String)]
    ) throws {
        var input: UnsafeMutablePointer<AVFormatContext>?
        var rc = avformat_open_input(&input, "file:" + source, nil, nil)
        guard rc >= 0, let inputContext = input else {
            throw MediaError(kind: .io, message: "cannot read '\(source)' back: \(ffmpegText(rc))")
        }
        defer { avformat_close_input(&input) }
        // Containers that store no decode timestamps (Matroska) get them from the stream's reorder
        // depth, which probing the first frames finds.
        rc = avformat_find_stream_info(inputContext, nil)
        try check(rc, "cannot probe '\(source)'")

        var output: UnsafeMutablePointer<AVFormatContext>?
        rc = avformat_alloc_output_context2(&output, nil, muxerName, "file:" + destination)
        guard rc >= 0, let outputContext = output else {
            throw MediaError(kind: .encoder, message: "cannot set up the \(muxerName) muxer: \(ffmpegText(rc))")
        }
        defer {
            if outputContext.pointee.pb != nil { avio_closep(&outputContext.pointee.pb) }
            avformat_free_context(outputContext)
        }
        let streamCount = Int(inputContext.pointee.nb_streams)
        for index in 0..<streamCount {
            guard let inStream = inputContext.pointee.streams[index],
                  let outStream = avformat_new_stream(outputContext, nil)
            else {
                throw MediaError(kind: .encoder, message: "cannot add stream \(index) to the remuxed copy")
            }
            rc = avcodec_parameters_copy(outStream.pointee.codecpar, inStream.pointee.codecpar)
            try check(rc, "cannot copy the parameters of stream \(index)")
            outStream.pointee.codecpar.pointee.codec_tag = 0  // the muxer picks its own tag
            outStream.pointee.time_base = inStream.pointee.time_base
            outStream.pointee.avg_frame_rate = inStream.pointee.avg_frame_rate
            outStream.pointee.r_frame_rate = inStream.pointee.r_frame_rate
            outStream.pointee.sample_aspect_ratio = inStream.pointee.sample_aspect_ratio
        }
        rc = avio_open(&outputContext.pointee.pb, "file:" + destination, t2v_avio_flag_write())
        try check(rc, "cannot open the remuxed copy '\(destination)'")
        var muxerOptions: OpaquePointer?
        for option in options {
            av_dict_set(&muxerOptions, option.key, option.value, 0)
        }
        rc = avformat_write_header(outputContext, &muxerOptions)
        av_dict_free(&muxerOptions)
        try check(rc, "cannot write the header of the remuxed copy")

        var allocated = av_packet_alloc()
        defer { av_packet_free(&allocated) }
        guard let packet = allocated else {
            throw MediaError(kind: .encoder, message: "cannot allocate a packet")
        }
        // A fragmented MP4 starts presenting at the encoder's B-frame delay (it cannot carry the edit
        // list that hides it); each stream is shifted so that it starts at 0 again. The first packet
        // read is the stream's first keyframe, which is also presented first.
        var shift = [Int64?](repeating: nil, count: streamCount)
        let noValue = t2v_nopts_value()
        while true {
            rc = av_read_frame(inputContext, packet)
            if rc == t2v_averror_eof() { break }
            try check(rc, "cannot read a packet of '\(source)'")
            let index = Int(packet.pointee.stream_index)
            guard index >= 0, index < streamCount,
                  let inStream = inputContext.pointee.streams[index],
                  let outStream = outputContext.pointee.streams[index]
            else {
                av_packet_unref(packet)
                continue
            }
            if shift[index] == nil {
                shift[index] = packet.pointee.pts == noValue ? 0 : packet.pointee.pts
            }
            let offset = shift[index] ?? 0
            if packet.pointee.pts != noValue { packet.pointee.pts -= offset }
            if packet.pointee.dts != noValue { packet.pointee.dts -= offset }
            av_packet_rescale_ts(packet, inStream.pointee.time_base, outStream.pointee.time_base)
            packet.pointee.pos = -1
            rc = av_interleaved_write_frame(outputContext, packet)  // takes the packet's data
            if rc < 0 { av_packet_unref(packet) }
            try check(rc, "cannot write a packet of the remuxed copy")
        }
        rc = av_write_trailer(outputContext)
        try check(rc, "cannot finish the remuxed copy")
        if let pb = outputContext.pointee.pb {
            avio_flush(pb)
            try check(pb.pointee.error, "cannot write the remuxed copy")
        }
        rc = avio_closep(&outputContext.pointee.pb)
        try check(rc, "cannot close the remuxed copy")
    }

    private static func check(_ rc: Int32, _ what: String) throws {
        guard rc < 0 else { return }
        throw MediaError(kind: .io, message: "\(what): \(ffmpegText(rc))")
    }
}

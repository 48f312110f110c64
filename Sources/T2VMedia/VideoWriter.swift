import CFFmpeg

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes packed rgb24 frames to a video file whose container is chosen by the path's extension.
/// Muxer, encoder, matrix and options come from the container's entry in the `VideoContainer` table;
/// nothing here depends on which container it is.
///
/// Colour: frames are converted from full-range RGB to **limited-range (16–235) yuv420p** with
/// libswscale (bilinear chroma subsampling), with the entry's matrix, and the stream is tagged with
/// that matrix, BT.709 primaries and transfer, and range "tv":
/// - `.mp4` and `.mkv` use the **BT.709** matrix: what browsers and players expect of HD video, and
///   what FFmpeg reads back from the H.264 VUI.
/// - `.y4m` cannot carry a matrix tag (only `XCOLORRANGE=LIMITED`), and its readers (FFmpeg among them)
///   assume **BT.601**, so it is written with the BT.601 matrix.
/// Either way, `ffmpeg -i FILE -f rawvideo -pix_fmt rgb24 -` gives back the input colours within a few
/// levels.
///
/// Timing: the time base is the inverse of the frame rate as a rational (`av_d2q`, with rates within
/// 1e-5 of an NTSC rate snapped to it: 29.97 → 30000/1001, 23.976 → 24000/1001); frame `n` has pts `n`
/// and lasts one tick, so the file's duration is frames / rate.
///
/// Lifecycle: `init` validates the path and opens the file at once; the first `write` with frames fixes
/// size and rate, sets up the encoder and writes the header; `close()` writes the trailer (or remuxes,
/// below) and closes the file. A writer that never accepted a frame removes its file on close (a
/// regular file only; a symlink or device at the path is left alone). Every FFmpeg object is freed on
/// close, on a failed setup and in `deinit`.
///
/// Durability — nothing accepted is lost. Each `write` call with frames is a *segment*, and
/// `write` returns only once all of the segment's frames are in the file as far as the OS is
/// concerned (handed over with write(2); not fsync'ed, so they survive the process being killed, not
/// a power cut):
/// - x264 runs without delay (`zeroDelayX264Parameters`: no B-frames, no lookahead, sliced rather than
///   frame threads), so each frame's packet comes out of `avcodec_send_frame` with the frame, and
///   the first frame of each segment is sent as an IDR frame: every segment is a closed GOP (like the
///   segments of HLS or DASH), and one encoder serves the whole file. An encoder that still holds
///   frames back at the end of a segment (`AV_CODEC_CAP_DELAY` and fewer packets than frames) is
///   drained and reopened for the next segment with the same settings (its headers are checked to be
///   identical to the first encoder's);
/// - the muxer writes what it holds (a Matroska cluster, an MP4 fragment) and the I/O buffer is flushed.
/// The file is laid out so that it is readable up to its last complete segment at any moment: a
/// fragmented MP4 while it is written (remuxed to a plain one with `faststart` on close), Matroska
/// clusters, YUV4MPEG2 frames. So after `kill -9`, every segment `write` had returned from is in the file.
/// A write that fails (a full disk, `EFBIG` under `ulimit -f`, an encoder error) throws, and the
/// segment it was writing is not in the file; the writer takes no further frames, and `close()`
/// cuts the file back to the end of the last complete segment and gives it its final layout where
/// that needs room (see `VideoContainer.Finish`). `close()` succeeds when every accepted segment is
/// in a readable file, even if there was no room for the final layout (`isFinal` tells).
///
/// Not thread-safe: use one writer from one thread at a time.
public final class VideoWriter {
    /// The path given to `init`.
    public let path: String
    /// The container chosen from `path`'s extension.
    public let container: VideoContainer
    /// The encoder settings given to `init`.
    public let options: VideoWriterOptions

    /// Frames of the segments written so far (the `write` calls that returned without an error): all
    /// of them are in the file.
    public var framesWritten: Int { durableFrames }
    /// Whether the closed file has its final layout (a plain MP4, a Matroska file with cues). False
    /// before `close()`, and after a close that kept the streamed layout (no room to remux), or kept no file.
    public private(set) var isFinal = false
    /// Width fixed by the first write with frames; 0 before it.
    public private(set) var width = 0
    /// Height fixed by the first write with frames; 0 before it.
    public private(set) var height = 0
    /// The frame rate fixed by the first write with frames, as the exact rational used (num/den); 0/0 before it.
    public private(set) var frameRateRational: (num: Int, den: Int) = (0, 0)

    /// Frames in complete segments, and the file size after the last one.
    private var durableFrames = 0
    private var durableOffset: Int64 = 0
    /// Frames of the segment being written that have reached the encoder, and packets that came out.
    private var segmentFrames = 0
    private var segmentPackets = 0
    /// How many frames the encoder may reorder (B-frames): `has_b_frames` of the first encoder, the
    /// same for every reopened one. Decode timestamps run this many ticks behind (`drainPackets`).
    private var reorderDepth = 0
    /// Frames sent to the encoder so far (each frame's pts).
    private var frameCount: Int { durableFrames + segmentFrames }
    /// Whether the encoder was drained at the end of the last segment and must be reopened.
    private var encoderDrained = false
    /// How many encoders were opened (1 unless one held frames back at a segment end); for the tests.
    private(set) var encodersOpened = 0
    private var rate = AVRational(num: 0, den: 0)
    private var formatContext: UnsafeMutablePointer<AVFormatContext>?
    private var codecContext: UnsafeMutablePointer<AVCodecContext>?
    private var stream: UnsafeMutablePointer<AVStream>?
    private var frame: UnsafeMutablePointer<AVFrame>?
    private var packet: UnsafeMutablePointer<AVPacket>?
    private var scaler: OpaquePointer?
    private var headerWritten = false
    private var isClosed = false
    /// The failure that stopped the writer from taking frames (it can still be closed).
    private var failure: MediaError?

    /// Test hook: when set, the write of frame number `failBeforeFrame` (0-based) fails with
    /// `.encoder` before anything reaches the encoder, as an encoder error would.
    var failBeforeFrame: Int?
    /// Test hook: when true, encoder setup fails just before the header is written, with every
    /// FFmpeg object allocated, as a muxer error would.
    var failSetUp = false

    /// Validates the extension and options, and opens `path` for writing (creating or truncating it),
    /// so a missing directory or an unwritable path fails here with the OS reason and the path.
    /// Encoder setup waits for the first frames.
    ///
    /// Throws `.unsupportedContainer` for an unknown extension, `.invalidArgument` for an empty path,
    /// a path containing NUL, or options out of range, and `.io` when the file cannot be opened.
    public init(path: String, options: VideoWriterOptions = .init()) throws {
        guard !path.isEmpty else {
            throw MediaError(kind: .invalidArgument, message: "the output path is empty")
        }
        guard !path.utf8.contains(0) else {
            throw MediaError(kind: .invalidArgument, message: "the output path contains a NUL character")
        }
        let container = try VideoContainer.forPath(path)
        try options.validate()
        VideoWriter.configureLogging()
        VideoWriter.ignoreFileSizeSignal()
        // A FIFO or socket is refused before it is opened: opening a FIFO for writing waits for a
        // reader for ever. Regular files are written; character devices too (/dev/null as a sink,
        // /dev/full in the tests); a directory fails when FFmpeg opens it ("Is a directory").
        var existing = stat()
        if stat(path, &existing) == 0, [S_IFIFO, S_IFSOCK].contains(existing.st_mode & S_IFMT) {
            throw MediaError(kind: .io, message: "cannot write '\(path)': it is a FIFO or socket, not a regular file")
        }

        // "file:" keeps names with a colon from being read as another protocol; the mp4 muxer also
        // reopens this URL to move the moov box to the front.
        let url = "file:" + path
        var context: UnsafeMutablePointer<AVFormatContext>?
        let rc = avformat_alloc_output_context2(&context, nil, container.muxerName, url)
        guard rc >= 0, let fmt = context else {
            if let context { avformat_free_context(context) }
            throw MediaError(
                kind: .encoder,
                message: "cannot set up the \(container.muxerName) muxer for '\(path)': \(ffmpegText(rc))")
        }
        let openRC = avio_open(&fmt.pointee.pb, url, t2v_avio_flag_write())
        guard openRC >= 0 else {
            avformat_free_context(fmt)
            throw MediaError(kind: .io, message: "cannot open '\(path)' for writing: \(ffmpegText(openRC))")
        }
        self.path = path
        self.container = container
        self.options = options
        self.formatContext = fmt
    }

    deinit {
        try? close()
    }

    /// Appends `count` packed rgb24 frames: rows top to bottom, frame after frame, so
    /// `frames.count == width * height * 3 * count`.
    ///
    /// The first call with `count > 0` fixes width, height and frame rate, sets up the encoder and writes
    /// the header. A later call with another size or rate throws `.mismatch` before anything reaches the
    /// encoder, leaving the writer and the file as they were. Width and height must be even and in
    /// 16...16384; `frameRate` must be in (0, 240]. `count == 0` only validates the arguments.
    ///
    /// Errors: `.invalidArgument` (ranges, buffer length), `.mismatch`, `.closed` (after `close()` or a
    /// failed setup), `.encoder`/`.io` (encoder or disk failure; the writer then takes no more frames,
    /// and `close()` finalises what was written before).
    public func write(frames: UnsafeBufferPointer<UInt8>, count: Int, width: Int, height: Int, frameRate: Double) throws {
        if isClosed {
            if let failure {
                throw MediaError(kind: .closed, message: "'\(path)' was closed after a failure: \(failure.message)")
            }
            throw MediaError(kind: .closed, message: "'\(path)' is closed; no more frames can be written")
        }
        if let failure {
            throw MediaError(
                kind: failure.kind,
                message: "'\(path)' takes no more frames after an earlier failure "
                    + "(close() finalises the \(durableFrames) frames of complete segments): \(failure.message)")
        }
        guard count >= 0 else {
            throw MediaError(kind: .invalidArgument, message: "frame count must not be negative, got \(count)")
        }
        guard (16...16384).contains(width), (16...16384).contains(height), width % 2 == 0, height % 2 == 0 else {
            throw MediaError(
                kind: .invalidArgument,
                message: "width and height must be even and in 16...16384 (yuv420p), got \(width)x\(height)")
        }
        guard frameRate.isFinite, frameRate > 0, frameRate <= 240 else {
            throw MediaError(kind: .invalidArgument, message: "frame rate must be in (0, 240], got \(frameRate)")
        }
        let newRate = VideoWriter.rational(forFrameRate: frameRate)
        guard newRate.num > 0, newRate.den > 0 else {
            throw MediaError(kind: .invalidArgument, message: "frame rate \(frameRate) is too small to represent")
        }
        if headerWritten {
            guard width == self.width, height == self.height else {
                throw MediaError(
                    kind: .mismatch,
                    message: "frames of \(width)x\(height) do not match the \(self.width)x\(self.height) "
                        + "fixed by the first write to '\(path)'")
            }
            guard av_cmp_q(newRate, rate) == 0 else {
                throw MediaError(
                    kind: .mismatch,
                    message: "frame rate \(frameRate) (\(newRate.num)/\(newRate.den)) does not match the "
                        + "\(rate.num)/\(rate.den) fixed by the first write to '\(path)'")
            }
        }
        let frameBytes = width * height * 3  // at most 16384² · 3, no overflow
        let (expected, overflow) = frameBytes.multipliedReportingOverflow(by: count)
        guard !overflow, frames.count == expected else {
            throw MediaError(
                kind: .invalidArgument,
                message: "frames holds \(frames.count) bytes, but \(count) rgb24 frames of \(width)x\(height) "
                    + "need \(overflow ? "more than Int.max" : String(expected))")
        }
        guard count > 0, let base = frames.baseAddress else { return }

        if !headerWritten {
            do {
                try setUp(width: width, height: height, rate: newRate)
            } catch let error as MediaError {
                failure = error
                try? finish()
                throw error
            }
        }
        do {
            if encoderDrained { try reopenEncoder() }
            segmentFrames = 0
            segmentPackets = 0
            for index in 0..<count {
                try encode(base + index * frameBytes)
                segmentFrames += 1
            }
            try endSegment()
        } catch let error as MediaError {
            failure = error
            throw error
        }
        durableFrames += count
        segmentFrames = 0
    }

    /// Writes the trailer (or remuxes into the final layout) and closes the file; frees every FFmpeg
    /// object. After a failed write, it first cuts the file back to the last complete segment.
    /// Idempotent: later calls do nothing. Throws `.io`/`.encoder` only if a segment `write` accepted
    /// may be missing from the file (the objects are freed all the same).
    public func close() throws {
        guard !isClosed else { return }
        try finish()
    }

    // MARK: - Setup

    private func setUp(width: Int, height: Int, rate: AVRational) throws {
        guard let fmt = formatContext else {
            throw MediaError(kind: .closed, message: "'\(path)' is closed")
        }
        let name = container.encoderName
        guard let codec = avcodec_find_encoder_by_name(name) else {
            throw MediaError(kind: .encoder, message: "this FFmpeg has no '\(name)' encoder, needed for '\(path)'")
        }
        guard let st = avformat_new_stream(fmt, nil) else {
            throw MediaError(kind: .encoder, message: "cannot add a video stream to '\(path)'")
        }
        stream = st
        let enc = try openEncoder(codec, width: width, height: height, rate: rate)
        reorderDepth = Int(max(0, enc.pointee.has_b_frames))
        let timeBase = enc.pointee.time_base
        var rc = avcodec_parameters_from_context(st.pointee.codecpar, enc)
        try check(rc, .encoder, "cannot copy the encoder parameters to the stream")
        st.pointee.time_base = timeBase
        st.pointee.avg_frame_rate = rate
        st.pointee.r_frame_rate = rate

        guard let fr = av_frame_alloc() else {
            throw MediaError(kind: .encoder, message: "cannot allocate a frame for '\(path)'")
        }
        frame = fr
        fr.pointee.format = AV_PIX_FMT_YUV420P.rawValue
        fr.pointee.width = Int32(width)
        fr.pointee.height = Int32(height)
        fr.pointee.tagColour(container.matrix)
        rc = av_frame_get_buffer(fr, 0)
        try check(rc, .encoder, "cannot allocate a \(width)x\(height) yuv420p frame")
        guard let pkt = av_packet_alloc() else {
            throw MediaError(kind: .encoder, message: "cannot allocate a packet for '\(path)'")
        }
        packet = pkt

        guard let sws = sws_getContext(
            Int32(width), Int32(height), AV_PIX_FMT_RGB24, Int32(width), Int32(height), AV_PIX_FMT_YUV420P,
            t2v_sws_bilinear(), nil, nil, nil)
        else {
            throw MediaError(kind: .encoder, message: "cannot create an rgb24 → yuv420p converter for \(width)x\(height)")
        }
        scaler = sws
        // Source: full-range RGB; destination: limited range with the container's matrix (the second
        // table is the RGB→YUV one; the first only matters for YUV input).
        let matrix = sws_getCoefficients(container.matrix.swscaleCoefficients)
        rc = sws_setColorspaceDetails(sws, matrix, 1, matrix, 0, 0, 1 << 16, 1 << 16)
        try check(rc, .encoder, "cannot select limited-range \(container.matrix.name) output in libswscale")

        if failSetUp {
            throw MediaError(kind: .encoder, message: "injected setup failure for '\(path)'")
        }
        var muxerOptions: OpaquePointer?
        for option in container.muxerOptions {
            av_dict_set(&muxerOptions, option.key, option.value, 0)
        }
        rc = avformat_write_header(fmt, &muxerOptions)
        av_dict_free(&muxerOptions)
        try check(rc, nil, "cannot write the \(container.rawValue) header")
        headerWritten = true
        self.width = width
        self.height = height
        self.rate = rate
        self.frameRateRational = (Int(rate.num), Int(rate.den))
    }

    /// Allocates and opens an encoder for frames of `width`x`height` at `rate`; it becomes `codecContext`.
    @discardableResult
    private func openEncoder(
        _ codec: UnsafePointer<AVCodec>, width: Int, height: Int, rate: AVRational
    ) throws -> UnsafeMutablePointer<AVCodecContext> {
        let name = container.encoderName
        guard let enc = avcodec_alloc_context3(codec) else {
            throw MediaError(kind: .encoder, message: "cannot allocate the \(name) encoder for '\(path)'")
        }
        codecContext = enc
        encodersOpened += 1
        enc.pointee.width = Int32(width)
        enc.pointee.height = Int32(height)
        enc.pointee.pix_fmt = AV_PIX_FMT_YUV420P
        enc.pointee.time_base = AVRational(num: rate.den, den: rate.num)
        enc.pointee.framerate = rate
        enc.pointee.sample_aspect_ratio = AVRational(num: 1, den: 1)
        enc.pointee.tagColour(container.matrix)
        enc.pointee.field_order = AV_FIELD_PROGRESSIVE
        enc.pointee.thread_count = Int32(options.threads)
        if let oformat = formatContext?.pointee.oformat, oformat.pointee.flags & t2v_avfmt_globalheader() != 0 {
            enc.pointee.flags |= t2v_codec_flag_global_header()
        }
        var encoderOptions: OpaquePointer?
        if container.takesX264Options {
            av_dict_set(&encoderOptions, "preset", options.preset, 0)
            av_dict_set(&encoderOptions, "crf", String(options.crf), 0)
            av_dict_set(&encoderOptions, "x264-params", VideoWriter.zeroDelayX264Parameters, 0)
            // A frame sent as AV_PICTURE_TYPE_I (the first of each segment) becomes an IDR frame.
            av_dict_set(&encoderOptions, "forced-idr", "1", 0)
        }
        let rc = avcodec_open2(enc, codec, &encoderOptions)
        av_dict_free(&encoderOptions)
        try check(rc, .encoder, "cannot open the \(name) encoder (\(width)x\(height) at \(rate.num)/\(rate.den) fps)")
        return enc
    }

    /// x264 settings under the preset that make the encoder return each frame's packet as the frame
    /// goes in, so a segment is complete in the file without closing the encoder: no B-frames and
    /// no lookahead (so no macroblock-tree rate control), no threaded lookahead, no one-frame wait
    /// for the next timestamp (`force-cfr`: the rate is constant), and threads that split a frame
    /// into slices instead of working on several frames at once. Draining and reopening x264 at each
    /// half-second segment cost more than these settings do: at 1080p and preset veryfast, 52 against
    /// 35 ms of CPU per frame, for files about 10 % larger at the same PSNR (docs/reliability.md).
    static let zeroDelayX264Parameters = "bframes=0:rc-lookahead=0:sync-lookahead=0:force-cfr=1:sliced-threads=1"

    /// Replaces the drained encoder with a fresh one with the same settings. Its global headers (the
    /// SPS and PPS in the stream's extradata, written in the file's header) must equal the first
    /// encoder's, or the new segment could not be decoded with them.
    private func reopenEncoder() throws {
        guard let old = codecContext, let st = stream else {
            throw MediaError(kind: .closed, message: "'\(path)' is closed")
        }
        let codec = old.pointee.codec
        avcodec_free_context(&codecContext)
        guard let codec else {
            throw MediaError(kind: .encoder, message: "the \(container.encoderName) encoder of '\(path)' is gone")
        }
        let enc = try openEncoder(codec, width: width, height: height, rate: rate)
        let params = st.pointee.codecpar.pointee
        let same = enc.pointee.extradata_size == params.extradata_size
            && (params.extradata_size == 0 || memcmp(enc.pointee.extradata, params.extradata, Int(params.extradata_size)) == 0)
        guard same else {
            throw MediaError(
                kind: .encoder,
                message: "the reopened \(container.encoderName) encoder for '\(path)' made other stream headers "
                    + "than the first one; the next segment cannot be written")
        }
        encoderDrained = false
    }

    // MARK: - Hot path

    /// Converts one rgb24 frame, sends it to the encoder and writes the packets that come out.
    private func encode(_ rgb: UnsafePointer<UInt8>) throws {
        guard let enc = codecContext, let fr = frame, let sws = scaler else {
            throw MediaError(kind: .closed, message: "'\(path)' is closed")
        }
        if let failAt = failBeforeFrame, frameCount >= failAt {
            throw MediaError(kind: .encoder, message: "injected encoder failure at frame \(frameCount) of '\(path)'")
        }
        var rc = av_frame_make_writable(fr)
        try check(rc, .encoder, "cannot make the frame writable")
        rc = t2v_sws_scale_packed(sws, rgb, Int32(width * 3), Int32(height), fr)
        guard rc == Int32(height) else {
            throw MediaError(
                kind: .encoder,
                message: "libswscale converted \(rc) of \(height) rows to yuv420p for '\(path)'")
        }
        fr.pointee.pts = Int64(frameCount)  // the frame's number in the file
        // Each segment starts with an IDR frame ("forced-idr"), so it is a closed GOP.
        fr.pointee.pict_type = segmentFrames == 0 ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE
        rc = avcodec_send_frame(enc, fr)
        try check(rc, .encoder, "the \(container.encoderName) encoder rejected frame \(frameCount)")
        try drainPackets()
    }

    /// Moves every packet the encoder has ready into the muxer.
    private func drainPackets() throws {
        guard let enc = codecContext, let pkt = packet, let st = stream, let fmt = formatContext else {
            throw MediaError(kind: .closed, message: "'\(path)' is closed")
        }
        let eagain = t2v_averror_eagain()
        let eof = t2v_averror_eof()
        while true {
            var rc = avcodec_receive_packet(enc, pkt)
            if rc == eagain || rc == eof { return }
            try check(rc, .encoder, "the \(container.encoderName) encoder failed")
            pkt.pointee.stream_index = st.pointee.index
            // Decode timestamps for the whole file, not per encoder: each reopened encoder would start
            // its own a reorder delay behind its first frame, which can step back behind the last
            // packet of a segment without B-frames. The k-th packet of a segment starting at frame a
            // decodes at a + k − reorderDepth; it must still not be presented before it is decoded.
            pkt.pointee.dts = Int64(durableFrames + segmentPackets - reorderDepth)
            guard pkt.pointee.pts >= pkt.pointee.dts else {
                av_packet_unref(pkt)
                throw MediaError(
                    kind: .encoder,
                    message: "the \(container.encoderName) encoder reordered frames deeper than the "
                        + "\(reorderDepth) it announced, writing '\(path)'")
            }
            segmentPackets += 1
            // FFmpeg 5.1 frames carry no duration: one frame is one tick of the 1/rate time base.
            pkt.pointee.duration = 1
            av_packet_rescale_ts(pkt, enc.pointee.time_base, st.pointee.time_base)
            rc = av_interleaved_write_frame(fmt, pkt)  // takes the packet's data and blanks it
            if rc < 0 {
                av_packet_unref(pkt)
                try check(rc, nil, "cannot write a packet")
            }
            // Buffered write errors (a full disk) stick in the I/O context; report them now, not at close.
            if let pb = fmt.pointee.pb, pb.pointee.error < 0 {
                try check(pb.pointee.error, .io, "cannot write")
            }
        }
    }

    /// Ends a segment: drains an encoder that still holds frames of it, has the muxer write what it holds
    /// (a cluster, a fragment) and hands the I/O buffer to the OS. Afterwards every frame of the
    /// segment is in the file, which ends at `durableOffset`.
    private func endSegment() throws {
        guard let enc = codecContext, let fmt = formatContext, let pb = fmt.pointee.pb,
              let codec = enc.pointee.codec
        else {
            throw MediaError(kind: .closed, message: "'\(path)' is closed")
        }
        if codec.pointee.capabilities & t2v_codec_cap_delay() != 0 && segmentPackets < segmentFrames {
            let rc = avcodec_send_frame(enc, nil)  // enter draining mode
            if rc != t2v_averror_eof() {
                try check(rc, .encoder, "cannot flush the \(container.encoderName) encoder")
            }
            try drainPackets()
            encoderDrained = true
        }
        // Muxers that buffer (AVFMT_ALLOW_FLUSH) write it out; the others return 1.
        try check(av_write_frame(fmt, nil), nil, "cannot write the end of a segment")
        avio_flush(pb)
        try check(pb.pointee.error, .io, "cannot write")
        durableOffset = avio_tell(pb)
    }

    // MARK: - Teardown

    /// Ends the writer. Without a failure: writes the trailer. After a failure: leaves the trailer
    /// out, closes the file and cuts it back to the last complete segment. Then closes the file
    /// (removing it if no segment was ever written), frees everything, and remuxes the file into its
    /// final layout where the container asks for it. Throws the first error that may have cost an
    /// accepted segment, after everything is freed.
    private func finish() throws {
        isClosed = true
        var firstError: MediaError?
        func note(_ body: () throws -> Void) {
            do { try body() } catch let error as MediaError {
                if firstError == nil { firstError = error }
            } catch {
                if firstError == nil { firstError = MediaError(kind: .io, message: "\(error)") }
            }
        }
        // A file without a single complete segment is no video: it is removed rather than finalised.
        let keepFile = headerWritten && durableFrames > 0
        var cutBack = failure != nil
        if let fmt = formatContext {
            if keepFile && !cutBack {
                // Every frame is already in the file (endSegment); the trailer adds the index.
                let rc = av_write_trailer(fmt)
                let pendingError = fmt.pointee.pb?.pointee.error ?? 0
                if rc < 0 || pendingError < 0 { cutBack = true }
            }
            if let pb = fmt.pointee.pb {
                avio_flush(pb)
                let pendingError = pb.pointee.error
                let rc = avio_closep(&fmt.pointee.pb)
                // Bytes past the last segment are cut off below, so failing to write them costs nothing.
                if keepFile && !cutBack && (pendingError < 0 || rc < 0) { cutBack = true }
            }
            if keepFile && cutBack {
                note { try truncateToLastSegment() }
            }
            if !keepFile {
                removeIfRegularFile(path)
            }
        }
        sws_freeContext(scaler)
        scaler = nil
        av_frame_free(&frame)
        av_packet_free(&packet)
        avcodec_free_context(&codecContext)
        if let fmt = formatContext {
            avformat_free_context(fmt)  // also frees the stream
        }
        formatContext = nil
        stream = nil
        if let firstError { throw firstError }
        guard keepFile else { return }
        let finish = container.finish
        switch finish.remux {
        case .never:
            isFinal = true
        case .afterFailure where !cutBack:
            isFinal = true
        case .afterFailure, .always:
            isFinal = Remuxer.remuxInPlace(path: path, muxerName: container.muxerName, options: finish.options)
        }
    }

    /// Cuts a regular file back to the end of the last complete segment (a device or pipe cannot be).
    private func truncateToLastSegment() throws {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int64(info.st_size) > durableOffset else { return }
        if truncate(path, off_t(durableOffset)) != 0 {
            let reason = String(cString: strerror(errno))
            throw MediaError(
                kind: .io,
                message: "cannot cut '\(path)' back to its last complete segment (\(durableFrames) frames, "
                    + "\(durableOffset) bytes): \(reason)")
        }
    }

    // MARK: - Helpers

    /// Throws a `MediaError` for a negative FFmpeg return code, with FFmpeg's text and the path.
    /// `kind == nil` picks `.io` for file-system errno codes and `.encoder` otherwise.
    private func check(_ rc: Int32, _ kind: MediaError.Kind?, _ what: String) throws {
        guard rc < 0 else { return }
        let resolved = kind ?? (VideoWriter.isFileSystemError(rc) ? .io : .encoder)
        throw MediaError(kind: resolved, message: "\(what) for '\(path)': \(ffmpegText(rc))")
    }

    /// Removes what `init` created, but never a symlink, device or folder found at the path.
    private func removeIfRegularFile(_ path: String) {
        var info = stat()
        if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG {
            unlink(path)
        }
    }

    private static func isFileSystemError(_ rc: Int32) -> Bool {
        let codes: [Int32] = [EIO, ENOSPC, EDQUOT, EFBIG, EACCES, EPERM, EROFS, ENOENT, ENOTDIR, EISDIR, EPIPE, ENXIO]
        return codes.contains { t2v_averror($0) == rc }
    }

    /// The exact rational for a frame rate: within 1e-5 (relative) of k·1000/1001 it is that NTSC
    /// rate, otherwise `av_d2q` with denominators up to 1,000,000 (25 → 25/1, 12.5 → 25/2).
    static func rational(forFrameRate rate: Double) -> AVRational {
        let k = (rate * 1.001).rounded()
        if k >= 1, k <= 1_000_000, abs(rate - k / 1.001) <= rate * 1e-5 {
            return AVRational(num: Int32(k * 1000), den: 1001)
        }
        return av_d2q(rate, 1_000_000)
    }

    private static let loggingConfigured: Void = {
        // x264 prints statistics at info level; errors reach the caller as MediaError. Lower the global
        // level only if nobody chose a quieter one.
        if av_log_get_level() > AV_LOG_ERROR {
            av_log_set_level(AV_LOG_ERROR)
        }
    }()

    private static func configureLogging() { _ = loggingConfigured }
}

/// The colour fields `AVCodecContext` and `AVFrame` share, so both are tagged by one function.
protocol ColourTagged {
    var color_range: AVColorRange { get set }
    var colorspace: AVColorSpace { get set }
    var color_primaries: AVColorPrimaries { get set }
    var color_trc: AVColorTransferCharacteristic { get set }
}

extension AVCodecContext: ColourTagged {}
extension AVFrame: ColourTagged {}

extension ColourTagged {
    /// Limited range ("tv"), `matrix`, and BT.709 primaries and transfer.
    mutating func tagColour(_ matrix: ColorMatrix) {
        color_range = AVCOL_RANGE_MPEG
        colorspace = matrix.colorSpace
        color_primaries = AVCOL_PRI_BT709
        color_trc = AVCOL_TRC_BT709
    }
}

/// FFmpeg's text for a return code (av_strerror).
func ffmpegText(_ rc: Int32) -> String {
    var buffer = [CChar](repeating: 0, count: 256)
    _ = buffer.withUnsafeMutableBufferPointer { t2v_err2str(rc, $0.baseAddress, $0.count) }
    let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    return String(decoding: bytes, as: UTF8.self)
}


extension VideoWriter {
    /// A file-size limit (`ulimit -f`) makes the kernel send SIGXFSZ, whose default action kills
    /// the process. The library ignores it once, when the first writer is made, so the write fails
    /// with EFBIG and the writer reports an I/O error instead.
    private static let fileSizeSignalIgnored: Bool = {
        signal(SIGXFSZ, SIG_IGN)
        return true
    }()

    static func ignoreFileSizeSignal() { _ = fileSizeSignalIgnored }
}

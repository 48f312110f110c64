import CFFmpeg

/// A container `VideoWriter` writes, chosen by the file extension: one entry of the table below.
///
/// Everything that differs between containers is a field of its entry, and `VideoWriter` only reads
/// fields, so adding a container means adding one entry here (a `static let`, listed in `allCases`)
/// and its test; see docs/adding-a-container.md.
public struct VideoContainer: RawRepresentable, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    /// The file extension, lower case and without the dot (`"mp4"`); also the container's name in
    /// messages.
    public let rawValue: String
    /// The libavformat muxer name (`ffmpeg -muxers`).
    let muxerName: String
    /// The libavcodec encoder name (`ffmpeg -encoders`).
    let encoderName: String
    /// The RGB → YUV matrix the frames are converted with, and the matrix tag they carry.
    let matrix: ColorMatrix
    /// Whether the encoder is x264 and takes `VideoWriterOptions` (`preset`, `crf`); when false the
    /// options are validated but ignored.
    let takesX264Options: Bool
    /// Options passed to the muxer when the header is written (`avformat_write_header`), in order.
    /// They must give a file that is readable up to its last flushed segment at any moment (the
    /// layout a killed process leaves behind).
    let muxerOptions: [(key: String, value: String)]
    /// How a closed file reaches its final layout.
    let finish: Finish

    /// How `VideoWriter.close()` turns the streamed file into the final one. Remuxing copies the
    /// packets into a new file beside it (same muxer, `options`) and renames it over the streamed
    /// one; if that fails (no room for the copy), the streamed file stays: readable, every segment in it.
    ///
    /// (A struct rather than an enum with payloads: a multi-payload enum keeps its tag in the spare
    /// bits of the array pointer, which LeakSanitizer then cannot see, and reports the table's arrays
    /// as leaked.)
    struct Finish: Sendable {
        enum Remux: Sendable {
            /// Never: the streamed file is final as it is, also when cut back after a failure
            /// (YUV4MPEG2 has no index).
            case never
            /// Only after a failure: the muxer's trailer completes the file (Matroska: cues and
            /// duration), but a file cut back after a failure gets no trailer (the muxer's state no
            /// longer matches it) and is remuxed instead.
            case afterFailure
            /// Always (MPEG-4: fragmented while written, plain with `faststart` once closed).
            case always
        }
        let remux: Remux
        /// The muxer options of the remuxed file.
        let options: [(key: String, value: String)]

        static let asWritten = Finish(remux: .never, options: [])
        static func trailerOrRemux(options: [(key: String, value: String)]) -> Finish { Finish(remux: .afterFailure, options: options) }
        static func remux(options: [(key: String, value: String)]) -> Finish { Finish(remux: .always, options: options) }
    }

    init(
        fileExtension: String, muxerName: String, encoderName: String, matrix: ColorMatrix,
        takesX264Options: Bool, muxerOptions: [(key: String, value: String)] = [], finish: Finish = .asWritten
    ) {
        self.rawValue = fileExtension
        self.muxerName = muxerName
        self.encoderName = encoderName
        self.matrix = matrix
        self.takesX264Options = takesX264Options
        self.muxerOptions = muxerOptions
        self.finish = finish
    }

    // MARK: - The table

    /// H.264 (libx264, yuv420p, BT.709) in MPEG-4. While it is written the file is a fragmented
    /// MP4 (an empty `moov`, then one `moof`+`mdat` fragment per segment), readable up to the last
    /// segment even if the process is killed; `close()` remuxes it into a plain MP4 with
    /// `movflags=+faststart`, so the `moov` box comes before `mdat` and browsers can start playing
    /// before the download ends.
    public static let mp4 = VideoContainer(
        fileExtension: "mp4", muxerName: "mp4", encoderName: "libx264", matrix: .bt709,
        takesX264Options: true, muxerOptions: [("movflags", "+frag_custom+empty_moov+default_base_moof")],
        finish: .remux(options: [("movflags", "+faststart")]))

    /// H.264 (libx264, yuv420p, BT.709) in Matroska, one cluster per segment.
    public static let mkv = VideoContainer(
        fileExtension: "mkv", muxerName: "matroska", encoderName: "libx264", matrix: .bt709,
        takesX264Options: true, finish: .trailerOrRemux(options: []))

    /// Uncompressed yuv420p in the YUV4MPEG2 stream format. FFmpeg 5.1's `yuv4mpegpipe` muxer takes
    /// only `wrapped_avframe` packets (uncompressed frames passed by reference) and writes them as raw
    /// yuv420p, which readers report as `rawvideo`. The format carries no matrix tag (only
    /// `XCOLORRANGE=LIMITED`) and its readers assume BT.601, so it is written with BT.601.
    public static let y4m = VideoContainer(
        fileExtension: "y4m", muxerName: "yuv4mpegpipe", encoderName: "wrapped_avframe", matrix: .bt601,
        takesX264Options: false)

    /// Every container, in the order error messages list their extensions.
    public static let allCases: [VideoContainer] = [.mp4, .mkv, .y4m]

    // MARK: - Lookup

    /// The container whose extension is exactly `rawValue` (lower case, no dot).
    public init?(rawValue: String) {
        guard let entry = Self.allCases.first(where: { $0.rawValue == rawValue }) else { return nil }
        self = entry
    }

    /// The container for `path`'s extension, compared case-insensitively (`clip.MP4` is `.mp4`).
    /// Throws `MediaError.unsupportedContainer` naming the extension found and the accepted ones.
    public static func forPath(_ path: String) throws -> VideoContainer {
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
        let accepted = allCases.map { "." + $0.rawValue }.joined(separator: ", ")
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex,
              name.index(after: dot) != name.endIndex
        else {
            throw MediaError(
                kind: .unsupportedContainer,
                message: "'\(path)' has no file extension; accepted extensions: \(accepted)")
        }
        let ext = String(name[name.index(after: dot)...])
        guard let container = VideoContainer(rawValue: ext.lowercased()) else {
            throw MediaError(
                kind: .unsupportedContainer,
                message: "unsupported video container '.\(ext)' for '\(path)'; accepted extensions: \(accepted)")
        }
        return container
    }

    // An entry is identified by its extension.
    public static func == (a: VideoContainer, b: VideoContainer) -> Bool { a.rawValue == b.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
    public var description: String { rawValue }
}

/// An RGB → YUV matrix: the tag FFmpeg writes (and readers use to convert back) and the libswscale
/// coefficients that convert to it.
struct ColorMatrix: Sendable {
    /// The name in messages ("BT.709").
    let name: String
    /// The `AVColorSpace` tag of the encoder and its frames.
    let colorSpace: AVColorSpace
    /// The `SWS_CS_*` id of the libswscale coefficients (`sws_getCoefficients`).
    let swscaleCoefficients: Int32

    /// BT.709: what HD video is tagged with and browsers and players expect (H.264 VUI).
    static let bt709 = ColorMatrix(name: "BT.709", colorSpace: AVCOL_SPC_BT709, swscaleCoefficients: t2v_sws_cs_itu709())
    /// BT.601 (SMPTE 170M): what readers assume for a format without a matrix tag.
    static let bt601 = ColorMatrix(
        name: "BT.601", colorSpace: AVCOL_SPC_SMPTE170M, swscaleCoefficients: t2v_sws_cs_itu601())
}

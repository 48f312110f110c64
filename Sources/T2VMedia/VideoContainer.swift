/// The containers `VideoWriter` writes, chosen by the file extension.
///
/// - `mp4`: H.264 (libx264, yuv420p) in MPEG-4 with `movflags=+faststart`, so the `moov` box comes
///   before `mdat` and browsers can start playing before the download ends.
/// - `mkv`: H.264 (libx264, yuv420p) in Matroska.
/// - `y4m`: uncompressed (rawvideo) yuv420p in the YUV4MPEG2 stream format (`yuv4mpegpipe` muxer).
import CFFmpeg

public enum VideoContainer: String, CaseIterable, Sendable {
    case mp4, mkv, y4m

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

    /// The libavformat muxer name.
    var muxerName: String {
        switch self {
        case .mp4: return "mp4"
        case .mkv: return "matroska"
        case .y4m: return "yuv4mpegpipe"
        }
    }

    /// The libavcodec encoder name. FFmpeg 5.1's yuv4mpegpipe muxer takes only `wrapped_avframe`
    /// packets (uncompressed frames passed by reference) and writes them as raw yuv420p, which readers
    /// report as `rawvideo`.
    var encoderName: String {
        switch self {
        case .mp4, .mkv: return "libx264"
        case .y4m: return "wrapped_avframe"
        }
    }

    /// The RGB → YUV matrix: BT.709 where the container carries the tag (H.264 VUI), BT.601 for y4m,
    /// which carries none and whose readers assume BT.601.
    var colorMatrix: AVColorSpace {
        switch self {
        case .mp4, .mkv: return AVCOL_SPC_BT709
        case .y4m: return AVCOL_SPC_SMPTE170M
        }
    }

    var colorMatrixName: String { colorMatrix == AVCOL_SPC_BT709 ? "BT.709" : "BT.601" }
}

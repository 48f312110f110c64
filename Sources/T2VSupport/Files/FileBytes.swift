// Reading small files (configs, vocabularies) with POSIX calls, so the bottom target needs no
// Foundation. Large weight files are memory-mapped by the safetensors reader instead.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file could not be read; the text names the path.
public struct FileReadError: Error, CustomStringConvertible, Equatable {
    public let path: String
    public let reason: String
    public var description: String { "\(path): \(reason)" }
}

public enum FileBytes {
    /// The most bytes `read(_:)` accepts (config and vocabulary files are far smaller).
    public static let maxSize = 1 << 30

    /// The whole content of the regular file at `path`.
    public static func read(_ path: String) throws -> [UInt8] {
        // O_NONBLOCK: a FIFO opens at once (instead of waiting for a writer) and is refused below;
        // reads of a regular file are not affected by it.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw FileReadError(path: path, reason: "cannot open: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FileReadError(path: path, reason: "cannot stat: \(String(cString: strerror(errno)))") }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw FileReadError(path: path, reason: "not a regular file") }
        guard Int(info.st_size) <= maxSize else { throw FileReadError(path: path, reason: "larger than \(maxSize) bytes") }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw FileReadError(path: path, reason: n == 0 ? "file shrank while read" : String(cString: strerror(errno))) }
            done += n
        }
        return bytes
    }

    /// True when `path` names an existing file (of any kind).
    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// True when `path` names an existing directory.
    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// The names in directory `path` (without "." and ".."), or nil when it cannot be listed.
    public static func directoryEntries(_ path: String) -> [String]? {
        guard let dir = opendir(path) else { return nil }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }
}

extension JSONValue {
    /// Reads and parses the JSON file at `path`. Errors name the file: a `FileReadError`, or a
    /// `JSONFileError` holding the parse error.
    public static func read(file path: String) throws -> JSONValue {
        let bytes = try FileBytes.read(path)
        do {
            return try JSONValue.parse(bytes: bytes)
        } catch let error as JSONParseError {
            throw JSONFileError(path: path, error: error)
        }
    }
}

/// A JSON file that does not parse.
public struct JSONFileError: Error, CustomStringConvertible {
    public let path: String
    public let error: JSONParseError
    public var description: String { "\(path): \(error)" }
}

#if canImport(Glibc)
import Glibc
#endif

/// The ABI version of the library (T2V_ABI_VERSION of the header it was built with).
@c(t2v_abi_version)
public func t2vAbiVersion() -> Int32 { abiVersion }

private let versionText: UnsafeMutablePointer<CChar>? = strdup(libraryVersion)
private let statusTexts: [UnsafeMutablePointer<CChar>?] = Status.allCases.map { strdup($0.text) }
private let unknownStatusText: UnsafeMutablePointer<CChar>? = strdup("unknown status")
private let emptyText: UnsafeMutablePointer<CChar>? = strdup("")

/// The library version as "MAJOR.MINOR.PATCH". Static storage; never free it.
@c(t2v_version)
public func t2vVersion() -> UnsafePointer<CChar>? { UnsafePointer(versionText) }

/// A short English description of a status code. Static storage; never free it.
@c(t2v_status_string)
public func t2vStatusString(_ status: Int32) -> UnsafePointer<CChar>? {
    guard let s = Status(rawValue: status) else { return UnsafePointer(unknownStatusText) }
    return UnsafePointer(statusTexts[Int(s.rawValue)])
}

/// The message of the last failure on the calling thread ("" if none yet). Borrowed: valid until
/// the next failing t2v_ call on the same thread.
@c(t2v_last_error)
public func t2vLastError() -> UnsafePointer<CChar>? { LastError.current ?? UnsafePointer(emptyText) }

/// The status code of the last failure on the calling thread (T2V_OK if none yet): what a
/// function that returns NULL on failure failed with.
@c(t2v_last_status)
public func t2vLastStatus() -> Int32 { LastError.status }

/// Frees a string that a t2v_ function returned as `char *`. NULL does nothing.
@c(t2v_string_free)
public func t2vStringFree(_ string: UnsafeMutablePointer<CChar>?) { free(string) }

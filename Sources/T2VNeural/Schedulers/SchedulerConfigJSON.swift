import FoundationEssentials

/// Reading diffusers' `scheduler_config.json`, which Python's `json` writes with the
/// non-standard tokens `Infinity`, `-Infinity` and `NaN` (e.g. `"lambda_min_clipped": -Infinity`).
public enum SchedulerConfigJSON {
    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        do {
            return try decoder.decode(type, from: quoteNonFiniteNumbers(data))
        } catch let error as SchedulerError {
            throw error
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw SchedulerError.malformedConfig(reason: "\(field): \(context.debugDescription)")
        } catch let DecodingError.dataCorrupted(context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw SchedulerError.malformedConfig(reason: "\(field.isEmpty ? "JSON" : field): \(context.debugDescription)")
        } catch {
            throw SchedulerError.malformedConfig(reason: "\(error)")
        }
    }

    /// Puts quotes around bare `Infinity`, `-Infinity` and `NaN` outside strings.
    public static func quoteNonFiniteNumbers(_ data: Data) -> Data {
        let bytes = [UInt8](data)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var inString = false
        var escaped = false
        var i = 0
        let words: [[UInt8]] = [Array("-Infinity".utf8), Array("Infinity".utf8), Array("NaN".utf8)]
        outer: while i < bytes.count {
            let b = bytes[i]
            if inString {
                out.append(b)
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
                i += 1
                continue
            }
            if b == UInt8(ascii: "\"") {
                inString = true
                out.append(b)
                i += 1
                continue
            }
            for word in words where i + word.count <= bytes.count && Array(bytes[i..<(i + word.count)]) == word {
                out.append(UInt8(ascii: "\""))
                out.append(contentsOf: word)
                out.append(UInt8(ascii: "\""))
                i += word.count
                continue outer
            }
            out.append(b)
            i += 1
        }
        return Data(out)
    }
}

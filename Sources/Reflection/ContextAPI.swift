#if canImport(Glibc)
import Glibc
#endif
import T2VEngine

/// Creates a context from a JSON object of configuration keys (NULL or "" for all defaults).
/// Returns NULL on failure (t2v_last_error() names the key and the accepted values).
/// Free with t2v_context_free().
@c(t2v_context_new)
public func t2vContextNew(_ config_json: UnsafePointer<CChar>?) -> UnsafeMutableRawPointer? {
    guardedValue {
        let text = try config_json.map { try string($0, "config_json") }
        return retain(try Context(configJSON: text))
    }
}

/// Releases the caller's reference to a context. Streams and processors made from it keep their
/// own reference and go on working. NULL does nothing.
@c(t2v_context_free)
public func t2vContextFree(_ context: UnsafeMutableRawPointer?) { release(context, as: Context.self) }

/// The context's resolved configuration (every key, defaults included) as a JSON object.
/// Returns a string the caller frees with t2v_string_free(), or NULL on failure.
@c(t2v_context_config)
public func t2vContextConfig(_ context: UnsafeRawPointer?) -> UnsafeMutablePointer<CChar>? {
    guardedValue {
        let c: Context = try borrow(context, "context")
        return ownedCString(c.settings.json.serialized)
    }.flatMap { $0 }
}

private let configKeysText: UnsafeMutablePointer<CChar>? = strdup(JSONValue.array(Settings.table.map(\.json)).serialized)

/// Every configuration key a context accepts, as a JSON array of objects with "name", "default",
/// "accepted" and "meaning" (Markdown text) and "processor_parameter" (whether
/// t2v_processor_set_parameter() takes it), in the order t2v_context_config() reports them.
/// Static storage; never free it.
@c(t2v_config_keys)
public func t2vConfigKeys() -> UnsafePointer<CChar>? { UnsafePointer(configKeysText) }

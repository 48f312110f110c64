// Shared decoding of the model and scheduler configs (diffusers' and transformers' config.json,
// scheduler_config.json): every key is optional on disk and keeps the library's default when absent
// or null, as `from_config` / `from_pretrained` do.

extension KeyedDecodingContainer {
    /// Replaces `value` (a default) with the key's value when the key is present and not null.
    func update<T: Decodable>(_ value: inout T, _ key: Key) throws {
        if let decoded = try decodeIfPresent(T.self, forKey: key) { value = decoded }
    }

    /// Replaces an optional `value` with the key's value when the key is present and not null.
    func update<T: Decodable>(_ value: inout T?, _ key: Key) throws {
        if let decoded = try decodeIfPresent(T.self, forKey: key) { value = decoded }
    }

    /// A number or a list of numbers (diffusers accepts both for keys such as `attention_head_dim`);
    /// absent or null gives nil.
    func intOrList(_ key: Key) throws -> [Int]? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        if let one = try? decode(Int.self, forKey: key) { return [one] }
        return try decode([Int].self, forKey: key)
    }
}

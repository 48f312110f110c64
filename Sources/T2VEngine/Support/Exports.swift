// The engine's API speaks JSONValue (configuration, metadata, parameters): re-export the bottom
// target so the C ABI layer and tests see it through `import T2VEngine`.
@_exported import T2VSupport

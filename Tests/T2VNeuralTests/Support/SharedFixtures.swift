// Where the test fixtures live: Tests/Fixtures, shared by the Swift suites and pytest (neural
// parity fixtures made by tools/fixtures/make_fixtures.py, the tiny model folder, the golden bytes).

import Foundation

enum SharedFixtures {
    /// `Tests/Fixtures`.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")
}

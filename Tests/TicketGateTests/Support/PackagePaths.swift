import Foundation

/// Places in the package, found from this file rather than from the working directory.
enum PackagePaths {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var rules: String { root.appendingPathComponent("Rules").path }
}

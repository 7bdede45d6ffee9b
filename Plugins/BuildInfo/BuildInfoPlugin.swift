import Foundation
import PackagePlugin

/// Writes `BuildInfo.swift` into the target it is applied to, before every build (`build-info.sh`): the
/// version in the package's `VERSION` file, the commit (`TICKETGATE_COMMIT`, else git's) and the build date
/// (`SOURCE_DATE_EPOCH`, else the commit's date).
@main
struct BuildInfoPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let package = context.package.directoryURL
        let output = context.pluginWorkDirectoryURL
        let passed = ProcessInfo.processInfo.environment.filter { ["TICKETGATE_COMMIT", "SOURCE_DATE_EPOCH", "PATH"].contains($0.key) }
        return [
            .prebuildCommand(
                displayName: "Build information for \(target.name)", executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: [package.appending(path: "Plugins/BuildInfo/build-info.sh").path, package.path, output.path], environment: passed,
                outputFilesDirectory: output)
        ]
    }
}

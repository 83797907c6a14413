import Foundation

/// Finds the catalog of golden paths, so `scaffold new go-microservice payments` works right
/// after building with no flags, and an installed binary finds the golden paths installed beside it.
///
/// Lookup order (first that applies wins):
/// 1. `--catalog DIR`
/// 2. `$SCAFFOLD_CATALOG`
/// 3. `./golden-paths` when it exists
/// 4. the installed share folder: `<prefix>/share/scaffold/golden-paths` for a binary in `<prefix>/bin`
/// 5. the `golden-paths/` folder of the checkout the binary was built from
public struct CatalogLocator: Sendable {
    /// Where a catalog was found, and why: printed by `scaffold list` so users see which one is in use.
    public enum Origin: String, Sendable, Equatable {
        case flag = "--catalog"
        case environment = "$SCAFFOLD_CATALOG"
        case workingDirectory = "./golden-paths"
        case installed = "installed share folder"
        case checkout = "source checkout"
    }

    public var explicit: String?
    public var environment: [String: String]
    public var workingDirectory: String
    /// The running binary and the build checkout, found only when the lookup gets that far (a
    /// `--catalog` run never needs them); nil given here means none.
    private var givenExecutablePath: String??
    private var givenCheckoutRoot: String??
    public var executablePath: String? { givenExecutablePath ?? Self.runningExecutable() }
    public var checkoutRoot: String? { givenCheckoutRoot ?? Self.buildCheckoutRoot }

    public init(explicit: String?,
                environment: [String: String] = ProcessInfo.processInfo.environment,
                workingDirectory: String = FileManager.default.currentDirectoryPath,
                executablePath: String?? = nil,
                checkoutRoot: String?? = nil) {
        self.explicit = explicit
        self.environment = environment
        self.workingDirectory = workingDirectory
        givenExecutablePath = executablePath
        givenCheckoutRoot = checkoutRoot
    }

    /// The checkout this module was compiled from: the nearest folder above this source file
    /// that holds Package.swift.
    public static let buildCheckoutRoot: String? = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
            url = url.deletingLastPathComponent()
        }
        return nil
    }()

    /// The candidates in lookup order. Explicit choices are returned even when missing, so the
    /// user gets an error about the folder they named instead of a silent fallback.
    public func candidates() -> [(path: String, origin: Origin)] {
        if let explicit { return [(absolute(explicit), .flag)] }
        if let env = environment["SCAFFOLD_CATALOG"], !env.isEmpty { return [(absolute(env), .environment)] }
        var result: [(String, Origin)] = [(absolute("golden-paths"), .workingDirectory)]
        if let executablePath {
            let bin = URL(fileURLWithPath: executablePath).deletingLastPathComponent()
            result.append((bin.deletingLastPathComponent().appendingPathComponent("share/scaffold/golden-paths").path, .installed))
        }
        if let checkoutRoot { result.append(((checkoutRoot as NSString).appendingPathComponent("golden-paths"), .checkout)) }
        return result
    }

    /// The first candidate that is a folder, or an error naming what was tried.
    public func locate() throws(GoldenPathError) -> (path: String, origin: Origin) {
        let all = candidates()
        for candidate in all where Self.isDirectory(candidate.path) { return candidate }
        if let first = all.first, first.origin == .flag || first.origin == .environment {
            throw GoldenPathError(file: first.path, message: "catalog folder does not exist (from \(first.origin.rawValue))")
        }
        throw GoldenPathError(file: nil, message: "no catalog of golden paths found; tried " +
            all.map(\.path).joined(separator: ", ") + " (use --catalog DIR or set SCAFFOLD_CATALOG)")
    }

    private func absolute(_ path: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return URL(fileURLWithPath: expanded).standardizedFileURL.path }
        return URL(fileURLWithPath: workingDirectory).appendingPathComponent(expanded).standardizedFileURL.path
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    /// The running binary, as the kernel knows it (symlinks resolved): where an installed
    /// scaffold looks for its share folder.
    public static func runningExecutable() -> String? {
        try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
    }
}

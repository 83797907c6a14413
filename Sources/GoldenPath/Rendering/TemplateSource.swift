import Foundation

/// The files of a golden path version's `template/` folder, read once into memory.
///
/// Rendering and includes work from this snapshot only: a template can never read a file
/// outside its golden path, and the folder is read once however many services a fleet run renders.
public struct TemplateSource: Sendable {
    public struct Entry: Sendable {
        /// Path relative to `template/`, slash-separated.
        public let path: String
        public let bytes: [UInt8]
        public let mode: RenderedFile.Mode
    }

    public let root: String
    public let entries: [Entry]
    private let byPath: [String: Int]

    public init(root: String, entries: [Entry]) {
        self.root = root
        self.entries = entries.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        var index: [String: Int] = [:]
        for (i, e) in self.entries.enumerated() { index[e.path] = i }
        byPath = index
    }

    public subscript(path: String) -> Entry? { byPath[path].map { entries[$0] } }

    /// The path a user can open: the template folder plus the entry's relative path.
    public func displayPath(_ relative: String) -> String { root + "/" + relative }

    /// The entry path an `{% include %}`/`{% import %}` name denotes (names are relative to
    /// `template/`); nil for a name that would leave the folder.
    public static func includePath(_ name: String) -> String? {
        guard !name.hasPrefix("/") else { return nil }
        var parts: [Substring] = []
        for part in name.split(separator: "/") where part != "." {
            if part == ".." { return nil }
            parts.append(part)
        }
        return parts.joined(separator: "/")
    }

    /// Reads `root` recursively. Symlinks are kept as links, but one that points outside the
    /// template folder is an error: a render must not depend on (or leak) files elsewhere.
    public static func read(from root: String) throws(GoldenPathError) -> TemplateSource {
        let fm = FileManager.default
        guard CatalogLocator.isDirectory(root) else {
            throw GoldenPathError(file: root, message: "template folder is missing")
        }
        let rootURL = URL(fileURLWithPath: root).standardizedFileURL
        var entries: [Entry] = []
        var pending = [""]
        while let relativeDir = pending.popLast() {
            let dir = relativeDir.isEmpty ? rootURL.path : rootURL.path + "/" + relativeDir
            let names: [String]
            do { names = try fm.contentsOfDirectory(atPath: dir).sorted() } catch {
                throw GoldenPathError(file: dir, message: "cannot read folder: \(error.localizedDescription)")
            }
            for name in names {
                let relative = relativeDir.isEmpty ? name : relativeDir + "/" + name
                let full = rootURL.path + "/" + relative
                var info = stat()
                guard lstat(full, &info) == 0 else {
                    throw GoldenPathError(file: full, message: "cannot read file: \(String(cString: strerror(errno)))")
                }
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    pending.append(relative)
                case S_IFLNK:
                    let target = (try? fm.destinationOfSymbolicLink(atPath: full)) ?? ""
                    guard Self.staysInside(root: rootURL.path, link: full, target: target, linkFolder: dir) else {
                        throw GoldenPathError(file: full, message: "symlink points outside the template folder: \(target)")
                    }
                    entries.append(Entry(path: relative, bytes: Array(target.utf8), mode: .symlink))
                case S_IFREG:
                    guard let data = fm.contents(atPath: full) else {
                        throw GoldenPathError.unreadable(full)
                    }
                    let executable = info.st_mode & S_IXUSR != 0
                    entries.append(Entry(path: relative, bytes: [UInt8](data), mode: executable ? .executable : .regular))
                default:
                    throw GoldenPathError(file: full, message: "not a regular file, folder or symlink")
                }
            }
        }
        return TemplateSource(root: rootURL.path, entries: entries)
    }

    /// Whether a link resolves inside `root`, every link on the way followed as the kernel follows
    /// them (`l -> .` then `esc -> l/l/../../etc/passwd` escapes, though it looks inside). A link
    /// whose target does not exist is judged by its text, and may then not climb with `..`.
    static func staysInside(root: String, link: String, target: String, linkFolder: String) -> Bool {
        guard !target.hasPrefix("/"), !target.isEmpty else { return false }
        guard let realRoot = realPath(root) else { return false }
        if let resolved = realPath(link) {
            return resolved == realRoot || resolved.hasPrefix(realRoot + "/")
        }
        guard !target.split(separator: "/").contains("..") else { return false }
        guard let folder = realPath(linkFolder) else { return false }
        return folder == realRoot || folder.hasPrefix(realRoot + "/")
    }

    /// `realpath(3)`: every link resolved; nil when a component does not exist.
    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

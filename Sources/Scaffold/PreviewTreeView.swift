import GoldenPath

/// A rendered tree drawn as `tree(1)` draws folders, each file with its size, for `scaffold preview`.
/// Folders come before files at each level only by path order (byte order, as git sorts), so
/// the drawing lists files in the same order as everything else scaffold prints.
public enum PreviewTreeView {
    /// One line per folder and file; executables end with `*`, symlinks show their target.
    public static func lines(_ tree: RenderedTree) -> [String] {
        let root = Folder()
        for file in tree.files {
            var folder = root
            let parts = file.path.split(separator: "/").map(String.init)
            for part in parts.dropLast() { folder = folder.child(part) }
            folder.files.append((parts.last ?? file.path, file))
        }
        var lines: [String] = []
        draw(root, prefix: "", into: &lines)
        return lines
    }

    /// `512 B`, `3.1 KiB`, `2.0 MiB`: sizes as a person reads them.
    public static func size(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        let units = ["KiB", "MiB", "GiB"]
        var value = Double(bytes) / 1024
        var unit = 0
        while value >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) \(units[unit])"
    }

    private final class Folder {
        var folders: [(String, Folder)] = []
        var files: [(String, RenderedFile)] = []

        func child(_ name: String) -> Folder {
            if let existing = folders.first(where: { $0.0 == name }) { return existing.1 }
            let folder = Folder()
            folders.append((name, folder))
            return folder
        }
    }

    private enum Item {
        case folder(String, Folder)
        case file(String, RenderedFile)
        var name: String {
            switch self {
            case .folder(let name, _), .file(let name, _): return name
            }
        }
    }

    private static func draw(_ folder: Folder, prefix: String, into lines: inout [String]) {
        let items = (folder.folders.map { Item.folder($0.0, $0.1) } + folder.files.map { Item.file($0.0, $0.1) })
            .sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        for (i, item) in items.enumerated() {
            let last = i == items.count - 1
            let branch = prefix + (last ? "└── " : "├── ")
            switch item {
            case .folder(let name, let child):
                lines.append(branch + name + "/")
                draw(child, prefix: prefix + (last ? "    " : "│   "), into: &lines)
            case .file(let name, let file):
                switch file.mode {
                case .symlink: lines.append(branch + name + " -> " + String(decoding: file.bytes, as: UTF8.self))
                case .executable: lines.append(branch + name + "*  " + size(file.bytes.count))
                case .regular: lines.append(branch + name + "  " + size(file.bytes.count))
                }
            }
        }
    }
}

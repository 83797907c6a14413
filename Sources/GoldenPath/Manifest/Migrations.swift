import TemplateLanguage
import YAMLKit

/// What happens to a service's recorded answers when it moves past `version`: parameters renamed,
/// dropped, or set to a value.
public struct Migration: Sendable {
    public var version: SemanticVersion
    /// Old name to new name, in the written order.
    public var rename: [(from: String, to: String)]
    public var remove: [String]
    /// Name to value, in the written order; set values count as explicit answers.
    public var set: [(name: String, value: YAMLNode)]
    public var mark: Mark
}

extension Migration {
    /// The migrations that apply to a move from `from` to `to`: `from < version <= to`, oldest first.
    public static func applicable(_ migrations: [Migration], from: SemanticVersion, to: SemanticVersion) -> [Migration] {
        migrations.filter { from < $0.version && $0.version <= to }.sorted { $0.version < $1.version }
    }

    /// Applies this migration to recorded answers: renames and removals reach both the explicit answers
    /// and the recorded defaults; `set` writes an explicit answer.
    public func apply(to answers: inout AnswerEntries, defaults: inout AnswerEntries) {
        for (old, new) in rename {
            answers.rename(old, to: new)
            defaults.rename(old, to: new)
        }
        for name in remove {
            answers.remove(name)
            defaults.remove(name)
        }
        for (name, value) in set {
            defaults.remove(name)
            answers[name] = value
        }
    }

    /// Applies every applicable migration in version order.
    public static func migrate(_ answersFile: AnswersFile, with migrations: [Migration], to target: SemanticVersion) -> AnswersFile {
        var file = answersFile
        for migration in applicable(migrations, from: answersFile.version, to: target) {
            migration.apply(to: &file.answers, defaults: &file.defaults)
        }
        file.version = target
        return file
    }
}

/// Recorded answers: ordered name/value pairs as YAML nodes (keeping positions for errors).
public struct AnswerEntries: Sendable, Equatable {
    public private(set) var entries: [YAMLPair] = []

    public init() {}

    public init(_ pairs: [YAMLPair]) { entries = pairs }

    public var names: [String] { entries.compactMap { $0.key.scalar?.value } }

    public var isEmpty: Bool { entries.isEmpty }

    public subscript(name: String) -> YAMLNode? {
        get { entries.first { $0.key.scalar?.value == name }?.value }
        set {
            if let i = entries.firstIndex(where: { $0.key.scalar?.value == name }) {
                if let newValue { entries[i].value = newValue } else { entries.remove(at: i) }
            } else if let newValue {
                entries.append(YAMLPair(key: .string(name), value: newValue))
            }
        }
    }

    mutating func rename(_ old: String, to new: String) {
        guard old != new, entries.contains(where: { $0.key.scalar?.value == old }) else { return }
        entries.removeAll { $0.key.scalar?.value == new }
        guard let i = entries.firstIndex(where: { $0.key.scalar?.value == old }) else { return }
        entries[i].key = YAMLNode.string(new, mark: entries[i].key.mark)
    }

    mutating func remove(_ name: String) {
        entries.removeAll { $0.key.scalar?.value == name }
    }

    var node: YAMLNode { YAMLNode(.mapping(entries)) }
}

import GitKit
import GoldenPath

/// How a service differs from the pristine render of the version it is on, counted over the
/// template's files only: files the team changed (content, mode, or moved away) and template files
/// it deleted. Files the template never had are the team's own code and not drift; `.scaffold.yaml`
/// is the engine's record, not a template file. The same comparison as `scaffold diff --drift`.
public struct TemplateDrift: Sendable, Hashable {
    public var modified: [String]
    public var deleted: [String]

    public var count: Int { modified.count + deleted.count }
    /// Every drifted template file, sorted.
    public var paths: [String] { (modified + deleted).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } }

    static func measure(_ repository: Repository, service: ServiceHead,
                        current: UpgradeTarget) throws(ScaffoldError) -> TemplateDrift {
        let files = try ServiceDiff.drift(repository, service: service, current: current, identity: .readOnly).files
        var drift = TemplateDrift(modified: [], deleted: [])
        for file in files where file.oldPath != AnswersFile.fileName {
            switch file.status {
            case .deleted: drift.deleted.append(file.oldPath)
            case .modified, .renamed, .typeChanged: drift.modified.append(file.oldPath)
            case .added, .copied: continue
            }
        }
        return drift
    }
}

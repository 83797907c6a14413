import Foundation
import GitKit

/// What the last upgrade run did to a service, kept in `.git/scaffold/last-upgrade.json` so that
/// `scaffold status` can show the conflicts waiting for the team without merging again.
public struct LastUpgrade: Sendable, Equatable {
    public var to: String
    /// The outcome's JSON word (`upgraded`, `conflicts`, …).
    public var outcome: String
    public var conflicts: [String]

    static func path(_ name: String, in repository: Repository) -> String { repository.gitdir + "scaffold/\(name).json" }

    /// Saved beside the pull-request description, by the same landing step; `name` is the
    /// service's (`ServiceHead.recordName`).
    static func save(_ result: UpgradeResult, as name: String, in repository: Repository) throws(ScaffoldError) {
        let record: [String: Any] = ["to": result.to?.description ?? "", "outcome": result.outcome.key,
                                     "conflicts": result.conflictedFiles]
        let path = path(name, in: repository)
        do {
            let data = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
            try RecordFile.write(data, to: path)
        } catch {
            throw ScaffoldError(.operationFailed, file: path, message: "cannot save the upgrade record: \(error.localizedDescription)")
        }
    }

    /// The record, or nil when there is none or it is not one scaffold wrote (the git folder is
    /// the repository's owners': what it says is shown, escaped, never acted on).
    public static func read(_ repository: Repository, service: ServiceHead) -> LastUpgrade? {
        let path = path(service.recordName("last-upgrade"), in: repository)
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              (attributes[.size] as? Int ?? .max) <= 1 << 20,
              let data = FileManager.default.contents(atPath: path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let to = object["to"] as? String, let outcome = object["outcome"] as? String,
              let conflicts = object["conflicts"] as? [String] else { return nil }
        return LastUpgrade(to: to, outcome: outcome, conflicts: conflicts)
    }
}

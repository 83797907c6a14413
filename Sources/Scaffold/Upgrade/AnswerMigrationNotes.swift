import GoldenPath

/// What the golden path's migrations did to a service's recorded answers, in words for the
/// pull-request description and the report ("renamed `team` to `owner` (2.0.0)").
enum AnswerMigrationNotes {
    static func describe(_ recorded: AnswersFile, migrations: [Migration], to target: SemanticVersion) -> [String] {
        var notes: [String] = []
        var answers = recorded.answers
        var defaults = recorded.defaults
        for migration in Migration.applicable(migrations, from: recorded.version, to: target) {
            let present = Set(answers.names + defaults.names)
            for (old, new) in migration.rename where present.contains(old) {
                notes.append("renamed `\(old)` to `\(new)` (\(migration.version))")
            }
            for name in migration.remove where present.contains(name) {
                notes.append("removed `\(name)` (\(migration.version))")
            }
            for (name, value) in migration.set {
                notes.append("set `\(name)` to `\(value.scalar?.value ?? "…")` (\(migration.version))")
            }
            migration.apply(to: &answers, defaults: &defaults)
        }
        return notes
    }
}

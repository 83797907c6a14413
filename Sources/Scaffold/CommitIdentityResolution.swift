import GitKit

extension CommitIdentity {
    /// For commits that stay unreferenced in memory (diffs, drift, status): never shown, never
    /// signed, and needing no git identity.
    static let readOnly = CommitIdentity(author: Signature(name: "scaffold", email: "scaffold@localhost"))

    /// The identity of the commits one command makes, by git's precedence: the author is
    /// `requested` (`--author`), else `GIT_AUTHOR_NAME`/`GIT_AUTHOR_EMAIL`, else `author.*`, else
    /// `user.*` in git's configuration; the committer `GIT_COMMITTER_*`, else `committer.*`, else
    /// `user.*`, else the author. Commits are signed when `commit.gpgsign` says so, or `sign`
    /// (`--sign`/`--no-sign`) overrides it.
    static func resolve(author requested: String?, sign: Bool?, repository: Repository,
                        environment: [String: String]) throws(ScaffoldError) -> CommitIdentity {
        // One reading of the configuration for every key below.
        let snapshot: ConfigSnapshot
        do { snapshot = try repository.configSnapshot() } catch { throw ScaffoldError(error, path: repository.displayPath) }
        func config(_ key: String) -> String? {
            (try? snapshot.string(key)).flatMap { $0?.isEmpty == false ? $0 : nil }
        }
        func environmentValue(_ key: String) -> String? {
            environment[key].flatMap { $0.isEmpty ? nil : $0 }
        }
        let author: Signature
        if let requested {
            guard let signature = Signature(parsing: requested) else {
                throw ScaffoldError(message: "the author must be \"Name <email>\", not '\(requested)'")
            }
            author = signature
        } else if let name = environmentValue("GIT_AUTHOR_NAME") ?? config("author.name") ?? config("user.name"),
                  let email = environmentValue("GIT_AUTHOR_EMAIL") ?? config("author.email") ?? config("user.email") {
            author = Signature(name: name, email: email)
        } else {
            throw ScaffoldError(message: "no author for the commit: set user.name and user.email in git config, "
                + "or GIT_AUTHOR_NAME and GIT_AUTHOR_EMAIL")
        }
        let committer = Signature(
            name: environmentValue("GIT_COMMITTER_NAME") ?? config("committer.name") ?? config("user.name") ?? author.name,
            email: environmentValue("GIT_COMMITTER_EMAIL") ?? config("committer.email") ?? config("user.email") ?? author.email,
            time: author.time)
        let signer: CommitSigner?
        do { signer = try CommitSigner.configured(by: snapshot, sign: sign, committer: committer) } catch {
            throw ScaffoldError(error, path: repository.displayPath)
        }
        return CommitIdentity(author: author, committer: committer, signer: signer)
    }
}

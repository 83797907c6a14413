import CGit2

/// One reading of git's configuration as a repository sees it (its own, global, XDG and system
/// files), for reading several keys without reading the files again for each.
public final class ConfigSnapshot {
    let pointer: OpaquePointer?

    init(_ pointer: OpaquePointer?) { self.pointer = pointer }

    deinit { git_config_free(pointer) }

    /// The string value of `key` (`user.name`); nil when unset.
    public func string(_ key: String) throws(GitError) -> String? {
        try Repository.string(key, in: pointer)
    }

    /// A boolean key as git reads it (`true`/`yes`/`on`/`1`, their opposites, and a key with no
    /// value meaning true); nil when unset. A value git would refuse is an error.
    public func bool(_ key: String) throws(GitError) -> Bool? {
        var value: Int32 = 0
        let result = key.withCString { git_config_get_bool(&value, pointer, $0) }
        if result == GIT_ENOTFOUND.rawValue { return nil }
        try check(result, "read configuration '\(key)'")
        return value != 0
    }
}

extension Repository {
    /// The configuration as git resolves it now, across the repository, global, XDG and system files.
    public func configSnapshot() throws(GitError) -> ConfigSnapshot {
        var config: OpaquePointer?
        try check(git_repository_config_snapshot(&config, pointer), "read configuration")
        return ConfigSnapshot(config)
    }

    /// The string value of a configuration key (`user.name`); nil when unset.
    public func configValue(_ key: String) throws(GitError) -> String? {
        try configSnapshot().string(key)
    }

    /// A boolean configuration key as git reads it (`ConfigSnapshot.bool`); nil when unset.
    public func configBool(_ key: String) throws(GitError) -> Bool? {
        try configSnapshot().bool(key)
    }

    /// `key`'s string in a configuration snapshot; nil when unset.
    static func string(_ key: String, in snapshot: OpaquePointer?) throws(GitError) -> String? {
        var value: UnsafePointer<CChar>?
        let result = key.withCString { git_config_get_string(&value, snapshot, $0) }
        if result == GIT_ENOTFOUND.rawValue { return nil }
        try check(result, "read configuration '\(key)'")
        return String(gitString: value)
    }

    /// Sets a string value in the repository's own configuration (`.git/config`).
    public func setConfigValue(_ key: String, to value: String) throws(GitError) {
        var config: OpaquePointer?
        try check(git_repository_config(&config, pointer), "open configuration")
        defer { git_config_free(config) }
        try check(key.withCString { key in value.withCString { git_config_set_string(config, key, $0) } },
                  "set configuration '\(key)'")
    }
}

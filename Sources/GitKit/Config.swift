import CGit2

extension Repository {
    /// The string value of a configuration key (`user.name`) as git resolves it across the
    /// repository, global, XDG and system files; nil when unset.
    public func configValue(_ key: String) throws(GitError) -> String? {
        var config: OpaquePointer?
        try check(git_repository_config_snapshot(&config, pointer), "read configuration")
        defer { git_config_free(config) }
        return try Self.string(key, in: config)
    }

    /// A boolean key as git reads it (`true`/`yes`/`on`/`1`, their opposites, and a key with no
    /// value meaning true); nil when unset. A value git would refuse is an error.
    public func configBool(_ key: String) throws(GitError) -> Bool? {
        var config: OpaquePointer?
        try check(git_repository_config_snapshot(&config, pointer), "read configuration")
        defer { git_config_free(config) }
        var value: Int32 = 0
        let result = key.withCString { git_config_get_bool(&value, config, $0) }
        if result == GIT_ENOTFOUND.rawValue { return nil }
        try check(result, "read configuration '\(key)'")
        return value != 0
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

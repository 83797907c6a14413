/// One malformed input run through `scaffold new` end to end: a tiny catalog (`svc` 1.0.0),
/// optional extra arguments, and the part of the error that must name the file, line, column and key.
struct MalformedGoldenPath: Sendable, CustomStringConvertible {
    var name: String
    /// Files of the catalog, relative to its root.
    var files: [String: String]
    var symlinks: [String: String] = [:]
    /// Arguments after `new svc demo`; `CATALOG` is replaced by the catalog's path.
    var arguments: [String] = []
    /// A substring of standard error, after `error: ` and the catalog's path.
    var expected: String
    var description: String { name }

    static let manifestPath = "svc/1.0.0/golden-path.yaml"

    static let head = """
        apiVersion: scaffold/v1
        kind: GoldenPath
        metadata: {name: svc, version: 1.0.0}
        spec:

        """

    /// Lines 5 to 12 of every manifest built with `spec`: `name` and `port` parameters.
    static let parameters = """
          parameters:
            - name: name
              format: dns-label
              required: true
            - name: port
              type: integer
              default: 8080
              min: 1024

        """

    static let readme = "# {{ name }}\nListens on {{ port }}.\n"

    /// A golden path whose manifest ends with `spec` (after `head`) and whose template holds `template`.
    static func goldenPath(spec: String, template: [String: String] = ["README.md": readme]) -> [String: String] {
        var files = [manifestPath: head + spec]
        for (path, text) in template { files["svc/1.0.0/template/" + path] = text }
        return files
    }

    /// A broken manifest (`spec` follows `head`; line 5 is its first line).
    static func manifest(_ name: String, _ spec: String, _ expected: String) -> MalformedGoldenPath {
        MalformedGoldenPath(name: name, files: goldenPath(spec: spec), expected: expected)
    }

    /// A good manifest with a broken template folder.
    static func template(_ name: String, _ template: [String: String], _ expected: String,
                         spec: String = parameters, symlinks: [String: String] = [:]) -> MalformedGoldenPath {
        var files = goldenPath(spec: spec, template: template)
        if template["README.md"] == nil { files["svc/1.0.0/template/README.md"] = readme }
        return MalformedGoldenPath(name: name, files: files, symlinks: symlinks.reduce(into: [:]) { $0["svc/1.0.0/template/" + $1.key] = $1.value },
                                   expected: expected)
    }

    /// A good golden path given a broken values file (`values.yaml` in the catalog folder).
    static func values(_ name: String, _ text: String, _ expected: String) -> MalformedGoldenPath {
        var files = goldenPath(spec: parameters + platformDefaults)
        files["values.yaml"] = text
        return MalformedGoldenPath(name: name, files: files, arguments: ["--values", "CATALOG/values.yaml"], expected: expected)
    }

    /// A good golden path given a broken `--set`.
    static func set(_ name: String, _ argument: String, _ expected: String) -> MalformedGoldenPath {
        MalformedGoldenPath(name: name, files: goldenPath(spec: parameters + platformDefaults), arguments: ["--set", argument], expected: expected)
    }

    /// A good golden path in a catalog with a broken platform.yaml.
    static func platform(_ name: String, _ text: String, _ expected: String) -> MalformedGoldenPath {
        var files = goldenPath(spec: parameters + platformDefaults)
        files["platform.yaml"] = text
        return MalformedGoldenPath(name: name, files: files, expected: expected)
    }

    static let platformDefaults = """
          defaults:
            resources:
              requests: {cpu: 100m, memory: 128Mi}
              limits: {memory: 256Mi}
            autoscaling: {enabled: true, min_replicas: 2, max_replicas: 4, target_cpu: 70}

        """
}

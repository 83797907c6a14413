import TemplateLanguage
import YAMLKit

/// A golden path version's `golden-path.yaml`, decoded and checked (docs/golden-paths.md).
public struct Manifest: Sendable {
    /// The path the manifest was read from, as used in errors.
    public var file: String
    public var metadata: Metadata
    public var spec: Spec

    public struct Metadata: Sendable {
        public var name: String
        public var version: SemanticVersion
        public var description: String?
        public var owner: String?
        public var tags: [String]
        /// Inline changelog text; when nil the catalog's CHANGELOG.md is used.
        public var changelog: String?
    }

    public struct Spec: Sendable {
        public var language: String?
        public var framework: String?
        public var labels: [Label]
        /// In the order they are asked.
        public var parameters: [Parameter]
        /// The `spec.defaults` block as written; validated when values are resolved (it is one layer of several).
        public var defaults: YAMLNode?
        public var cicd: CICDSpec?
        public var files: FileRules
        public var templateOptions: TemplateOptions
        /// Templates printed after `scaffold new`.
        public var nextSteps: [NextStep]
        /// Sorted by version.
        public var migrations: [Migration]
    }

    /// A line printed after `scaffold new`: a template, and where the manifest has it (render
    /// errors point there).
    public struct NextStep: Sendable, Equatable {
        public var template: String
        public var mark: Mark

        public init(template: String, mark: Mark) {
            self.template = template
            self.mark = mark
        }

        /// The step rendered with `context`; an error is located at the step in the manifest.
        public func render(context: ValueDict, index: Int, file: String, render: RenderString) throws(GoldenPathError) -> String {
            try renderManifestText(template, file: file, mark: mark, keyPath: "spec.next_steps[\(index)]", context: context, render: render)
        }
    }

    public struct Label: Sendable, Equatable {
        public var key: String
        public var value: String
    }

    /// Which template files are rendered and how they land: globs over rendered paths
    /// (`exclude` and `copyWithoutRender` are templates), and `template_options.suffix`.
    public struct FileRules: Sendable {
        public var exclude: [String] = []
        public var copyWithoutRender: [String] = []
        public var executable: [String] = []
        /// When non-empty, only files with this suffix are rendered (and lose it); others are copied verbatim.
        public var suffix = ""
        /// The folder of the template source whose contents are the service ("": all of it);
        /// cookiecutter's `{{cookiecutter.x}}` folder.
        public var root = ""
        /// Python `fnmatch` patterns over unrendered paths below `root` whose files are copied
        /// without rendering their content (cookiecutter's `_copy_without_render`; a matching folder
        /// copies everything in it).
        public var copyUnrendered: [String] = []
        /// Write a rendered file with the line ending of its template's first line, as cookiecutter
        /// does (a CRLF template stays CRLF though Jinja reads every line ending as `\n`).
        public var keepsTemplateNewlines = false
        /// `exclude` read as gitignore patterns, as copier's `_exclude`: the last match wins, `!`
        /// re-includes, and a pattern that matches a folder excludes everything in it.
        public var ignoreStyleExclude = false
        /// With a suffix: a plain file that has a templated sibling (`x` beside `x.jinja`) is left
        /// out, as copier does, instead of both rendering to `x`.
        public var siblingTemplateWins = false
        /// Where `{% include %}` names are looked up, in order ("": the template folder).
        public var includeRoots = [""]
        /// Globs over service paths of files an upgrade merges key by key besides `*.yaml`,
        /// `*.yml` and `*.json` (JSON when the name ends in `.json`, YAML otherwise).
        public var structured: [String] = []

        public init(exclude: [String] = [], copyWithoutRender: [String] = [], executable: [String] = [], suffix: String = "") {
            self.exclude = exclude
            self.copyWithoutRender = copyWithoutRender
            self.executable = executable
            self.suffix = suffix
        }

        /// Where a template file lands before its name is rendered, and whether its bytes are
        /// copied as they are (a symlink; with a suffix, a file without it). Rendering and lint
        /// both ask here, so they cannot disagree.
        /// Nil for a source file outside `root` (cookiecutter.json, hooks): not part of the service.
        public func placement(of entry: TemplateSource.Entry) -> (output: String, verbatim: Bool)? {
            var output = entry.path
            if !root.isEmpty {
                guard output.hasPrefix(root + "/") else { return nil }
                output.removeFirst(root.count + 1)
            }
            var verbatim = entry.mode == .symlink
            if !copyUnrendered.isEmpty {
                var prefix = ""
                for part in output.split(separator: "/") {
                    prefix += (prefix.isEmpty ? "" : "/") + part
                    if copyUnrendered.contains(where: { Glob.fnmatch($0, prefix) }) { verbatim = true; break }
                }
            }
            if !suffix.isEmpty {
                if output.hasSuffix(suffix) { output.removeLast(suffix.count) } else { verbatim = true }
            }
            return (output, verbatim)
        }
    }

    public func parameter(named name: String) -> Parameter? { spec.parameters.first { $0.name == name } }

    /// Platform outputs (Kubernetes manifests, CI pipeline) are generated only when both are declared.
    public var hasPlatformOutputs: Bool { spec.defaults != nil && spec.cicd != nil }
}

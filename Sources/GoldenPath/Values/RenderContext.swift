import TemplateLanguage

extension ResolvedValues {
    /// The render context (docs/golden-paths.md): every answer at the top level, `defaults` (validated platform
    /// values, quantities canonical), `cicd` (when the manifest declares it; provider and steps rendered
    /// against the answers and defaults) and `golden_path` (`name`, `version`, `created`, and `language` when the manifest sets `spec.language`).
    public func renderContext(manifest: Manifest, created: String, render: RenderString) throws(GoldenPathError) -> ValueDict {
        var context = answerDict
        context["defaults"] = platform.contextValue
        var goldenPath: [(String, Value)] = [
            ("name", .string(manifest.metadata.name)),
            ("version", .string(manifest.metadata.version.description)),
            ("created", .string(created)),
        ]
        // The built-in CI pipelines pick the toolchain setup and the coverage gate by language.
        if let language = manifest.spec.language { goldenPath.append(("language", .string(language))) }
        context["golden_path"] = .dict(goldenPath)
        // CI strings see the answers, `defaults` and `golden_path` (`echo deploying {{ golden_path.name }}`).
        if let cicd = manifest.spec.cicd {
            context["cicd"] = try cicd.contextValue(context: context, render: render)
        }
        return context
    }
}

extension AnswersFile {
    /// The answers file for a fresh render: explicit answers apart from values that came from defaults.
    public init(manifest: Manifest, source: String, created: String, values: ResolvedValues) {
        self.init(goldenPath: manifest.metadata.name, version: manifest.metadata.version, source: source, created: created,
                  answers: values.explicitAnswers, defaults: values.defaultAnswers)
    }
}

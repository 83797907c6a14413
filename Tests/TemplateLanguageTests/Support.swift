@testable import TemplateLanguage

/// Renders `source` with `context`, as the tests need it most of the time.
func render(_ source: String, _ context: [(String, Value)] = [], options: TemplateOptions = TemplateOptions(),
            files: [String: String] = [:]) throws(TemplateError) -> String {
    let environment = Environment(options: options, loader: DictionaryLoader(files))
    return try environment.renderString(source, name: "test.j2", context: ValueDict(context))
}

/// The error `source` fails with, or nil if it renders.
func renderError(_ source: String, _ context: [(String, Value)] = [], options: TemplateOptions = TemplateOptions(),
                 files: [String: String] = [:]) -> TemplateError? {
    do {
        _ = try render(source, context, options: options, files: files)
        return nil
    } catch {
        return error
    }
}

import Foundation
import Scaffold
import TemplateLanguage

/// `scaffold render TEMPLATE`: the rendered bytes on stdout, nothing added.
struct RenderCommand: Command {
    static let template = PositionalSpec(name: "TEMPLATE", help: "The template file, or '-' for standard input",
                                         completion: .file)
    static let trimBlocks = OptionSpec.flag("--trim-blocks", "Remove the first newline after a block tag (Jinja's trim_blocks)")
    static let lstripBlocks = OptionSpec.flag("--lstrip-blocks",
                                              "Strip whitespace before a block tag on its line (Jinja's lstrip_blocks)")
    static let lenient = OptionSpec.flag("--lenient",
                                         "Print undefined variables as empty instead of failing (Jinja's default Undefined)")
    static let goldenPath = OptionSpec.value("--golden-path", "GP[@V]", completion: .goldenPath,
                                             "Render as a file of this golden path: its defaults, platform values, options and includes")
    static let spec = CommandSpec(
        name: "render",
        abstract: "Render one template file to standard output",
        discussion: """
            Output is the rendered template byte for byte. Includes and imports resolve relative to
            the template's folder. Errors exit 2. With --golden-path GP (or GP@VERSION), the file
            renders as one of that golden path's would: its defaults and platform values (name is
            'example' unless --set name=...), its template options, includes from its template
            folder; --values and --set are checked as for scaffold new.
            """,
        positionals: [template],
        options: [CommonOptions.values, CommonOptions.set, trimBlocks, lstripBlocks, lenient, goldenPath]
            + CommonOptions.readingCatalog)

    var template: String
    var values: ValueArguments
    var options: TemplateOptions
    var goldenPath: String?
    var catalog: String?

    init(_ arguments: inout ArgumentReader) {
        goldenPath = arguments.value(Self.goldenPath)
        catalog = arguments.value(CommonOptions.catalog)
        template = arguments.required(Self.template)
        values = ValueArguments(valuesFiles: arguments.values(CommonOptions.values), sets: arguments.values(CommonOptions.set))
        options = TemplateOptions(trimBlocks: arguments.flag(Self.trimBlocks), lstripBlocks: arguments.flag(Self.lstripBlocks),
                                  undefined: arguments.flag(Self.lenient) ? .lenient : .strict)
    }

    func validate() throws(CLIError) {
        if goldenPath != nil && (options.trimBlocks || options.lstripBlocks || options.undefined == .lenient || template == "-") {
            throw Self.usageError("--golden-path takes the golden path's own template options, and a template file (not '-')")
        }
        if goldenPath == nil && catalog != nil { throw Self.usageError("--catalog needs --golden-path") }
    }

    func run(_ context: CommandContext) throws(CLIError) -> ExitCode {
        let catalog = try goldenPath.map { _ throws(CLIError) in try CommonOptions.locateCatalog(self.catalog, context) }
        let bytes = try Diagnostics.run { () throws(ScaffoldError) in
            if let goldenPath, let catalog {
                return try RenderTemplate.run(template: template, goldenPath: goldenPath, values: values, catalog: catalog)
            }
            return try RenderTemplate.run(template: template, values: values, options: options)
        }
        FileHandle.standardOutput.write(Data(bytes))
        return .success
    }
}

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
    static let spec = CommandSpec(
        name: "render",
        abstract: "Render one template file to standard output",
        discussion: """
            Output is the rendered template byte for byte. Includes and imports resolve relative to
            the template's folder. Errors exit 2.
            """,
        positionals: [template],
        options: [CommonOptions.values, CommonOptions.set, trimBlocks, lstripBlocks, lenient,
                  CommonOptions.noColor, CommonOptions.help])

    var template: String
    var values: ValueArguments
    var options: TemplateOptions

    init(_ arguments: inout ArgumentReader) {
        template = arguments.required(Self.template)
        values = ValueArguments(valuesFiles: arguments.values(CommonOptions.values), sets: arguments.values(CommonOptions.set))
        options = TemplateOptions(trimBlocks: arguments.flag(Self.trimBlocks), lstripBlocks: arguments.flag(Self.lstripBlocks),
                                  undefined: arguments.flag(Self.lenient) ? .lenient : .strict)
    }

    func run(_ context: CommandContext) throws(CLIError) -> ExitCode {
        let bytes = try Diagnostics.run { () throws(ScaffoldError) in
            try RenderTemplate.run(template: template, values: values, options: options)
        }
        FileHandle.standardOutput.write(Data(bytes))
        return .success
    }
}

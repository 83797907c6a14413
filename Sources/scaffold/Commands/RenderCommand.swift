import Foundation
import Scaffold

/// `scaffold render TEMPLATE`: the rendered bytes on stdout, nothing added.
enum RenderCommand {
    static func run(_ inv: Invocation) throws(CLIError) -> ExitCode {
        guard let template = inv.positional("TEMPLATE") else { throw inv.usageError("expected TEMPLATE") }
        let options = RenderTemplate.Options(trimBlocks: inv.flag("--trim-blocks"), lstripBlocks: inv.flag("--lstrip-blocks"),
                                             lenient: inv.flag("--lenient"))
        let bytes = try Diagnostics.run { () throws(ScaffoldError) in
            try RenderTemplate.run(template: template,
                                   values: ValueArguments(valuesFiles: inv.values("--values"), sets: inv.values("--set")),
                                   options: options)
        }
        FileHandle.standardOutput.write(Data(bytes))
        return .success
    }
}

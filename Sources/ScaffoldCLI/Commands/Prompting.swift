import Foundation
import GoldenPath

/// Asks for missing required values at a terminal: the description, the default, and the reason
/// a previous answer was rejected. End of input (Ctrl-D) gives up on the parameter.
enum Prompting {
    static func prompter(console: Console) -> Prompter {
        { request in
            let p = request.parameter
            if let problem = request.problem {
                console.printError(console.errorStyle.red("  \(problem.message)"))
            }
            var line = console.errorStyle.bold(p.name)
            if let description = p.description { line += " (\(description))" }
            if let choices = p.choices, !choices.isEmpty { line += " [\(choices.joined(separator: "/"))]" }
            console.printError(line + ": ", terminator: "")
            return readLine(strippingNewline: true)
        }
    }
}

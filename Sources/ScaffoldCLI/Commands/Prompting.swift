import Foundation
import GoldenPath
import YAMLKit

/// Asks for values at a terminal: the description, the type's hint (`[y/N]`, a range, numbered
/// choices, comma-separated lists), the default Enter keeps, and why a previous answer was
/// rejected. End of input (Ctrl-D) stops the command.
enum Prompting {
    static func prompter(console: Console) -> Prompter {
        { request in
            let p = request.parameter
            if let problem = request.problem {
                console.printError(console.errorStyle.red("  \(problem.message)"))
            }
            var line = console.errorStyle.bold(p.name)
            if let description = p.description { line += " (\(description))" }
            switch p.type {
            case .boolean: line += (p.defaultNode?.scalar?.resolved == .bool(true)) ? " [Y/n]" : " [y/N]"
            case .integer, .number:
                if p.min != nil || p.max != nil { line += " [\(p.min.map(Parameter.number) ?? "…")..\(p.max.map(Parameter.number) ?? "…")]" }
            case .list: line += " (comma-separated)"
            case .multichoice: line += " (comma-separated names or numbers)"
            case .string, .choice: break
            }
            if let choices = p.choices, !choices.isEmpty {
                line += " [" + choices.enumerated().map { "\($0.offset + 1) \($0.element)" }.joined(separator: ", ") + "]"
            }
            if p.type != .boolean, let shown = p.defaultNode.flatMap(Self.defaultText) { line += " (Enter: \(shown))" }
            console.printError(line + ": ", terminator: "")
            return readLine(strippingNewline: true)
        }
    }

    /// A default as the prompt shows it: a scalar's text, a list's items.
    private static func defaultText(_ node: YAMLNode) -> String? {
        if let scalar = node.scalar { return scalar.value }
        if let items = node.sequence { return items.compactMap { $0.scalar?.value }.joined(separator: ", ") }
        return nil
    }
}

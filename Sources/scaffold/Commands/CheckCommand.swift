import Scaffold

/// `scaffold check [DIR]`: exit 1 and one line when a newer version of the golden path exists.
enum CheckCommand {
    static func run(_ inv: Invocation) throws(CLIError) -> ExitCode {
        let result = try Diagnostics.run { () throws(ScaffoldError) in
            try CheckService.run(path: inv.positional("DIR") ?? ".", catalog: inv.value("--catalog"), environment: inv.environment)
        }
        guard result.isBehind else {
            inv.console.print("\(result.service) is on the newest \(result.goldenPath) \(result.current)")
            return .success
        }
        inv.console.print("\(result.service) is on \(result.goldenPath) \(result.current); \(result.newest) is available "
            + "(scaffold upgrade --to \(result.newest))")
        return .findings
    }
}

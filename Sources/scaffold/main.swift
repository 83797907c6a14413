import Foundation
import ScaffoldCLI

exit(Program.main(arguments: Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment))

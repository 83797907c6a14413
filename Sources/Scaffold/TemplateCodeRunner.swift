import Foundation
import GoldenPath

/// Whether an imported template's own code (cookiecutter hooks, copier tasks) may run: only with
/// `--trust`, and never by default in a fleet run. Service repositories are their teams' and may
/// be hostile; a template is the platform team's, and running its code is the user's decision.
public struct CodeTrust: Sendable {
    public var trusted: Bool
    /// The environment the code runs with (the tools give their hooks the user's environment).
    public var environment: [String: String]
    /// Why the code may not run when `--trust` cannot help (the template is one a project names).
    public var refusal: String?

    public init(trusted: Bool, environment: [String: String], refusal: String? = nil) {
        self.trusted = trusted
        self.environment = environment
        self.refusal = refusal
    }

    public static let refused = CodeTrust(trusted: false, environment: [:])
}

/// Runs a render's template code on its tree: the tree written to a temporary folder, the code
/// run there as the tool runs it (cookiecutter's `pre_gen_project` in the empty folder first), the
/// folder read back. What the code leaves is the render scaffold records and merges, so the
/// pristine render of a version is the tree after its hooks, every time it is made.
enum TemplateCodeRunner {
    static func apply(_ code: [TemplateCode], to tree: RenderedTree, trust: CodeTrust, template: String) throws(ScaffoldError) -> RenderedTree {
        guard !code.isEmpty else { return tree }
        guard trust.trusted else {
            let names = code.map(\.origin).joined(separator: ", ")
            throw ScaffoldError(message: "\(template) runs its own code (\(names)); "
                                + (trust.refusal ?? "scaffold runs template code only with --trust"))
        }
        let fm = FileManager.default
        // A staging folder in the temporary directory: removed on the way out and by an
        // interrupt, and one a killed run left is swept by the next.
        let staging = try Staging(beside: fm.temporaryDirectory.path + "/scaffold-template-code")
        defer { staging.remove() }
        let folder = staging.path
        for step in code where step.phase == .beforeFiles { try run(step, in: folder, trust: trust) }
        // A `pre_gen_project` hook may have written files the render then replaces, as cookiecutter's.
        for file in tree.files { try? fm.removeItem(atPath: folder + "/" + file.path) }
        try TreeWriter.write(tree, to: folder)
        for step in code where step.phase == .afterFiles { try run(step, in: folder, trust: trust) }

        let source = try mapErrors { try TemplateSource.read(from: folder) }
        // A hook that makes its own repository (`git init`) does not put it in the render.
        var files = source.entries.filter { $0.path != ".git" && !$0.path.hasPrefix(".git/") }
            .map { RenderedFile(path: $0.path, bytes: $0.bytes, mode: $0.mode) }
        // scaffold's record is scaffold's, whatever the code did to it.
        files.removeAll { $0.path == AnswersFile.fileName }
        if let record = tree[AnswersFile.fileName] { files.append(record) }
        return RenderedTree(files)
    }

    private static func run(_ step: TemplateCode, in folder: String, trust: CodeTrust) throws(ScaffoldError) {
        let process = Process()
        var scriptFile: String?
        defer { if let scriptFile { try? FileManager.default.removeItem(atPath: scriptFile) } }
        switch step.command {
        case .script(let fileExtension, let text):
            let path = FileManager.default.temporaryDirectory
                .appendingPathComponent("scaffold-hook-\(getpid())-\(UInt32.random(in: 0...UInt32.max))" + (fileExtension.isEmpty ? "" : "." + fileExtension)).path
            do {
                try text.write(toFile: path, atomically: true, encoding: .utf8)
                try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: path)
            } catch {
                throw ScaffoldError(message: "cannot write \(step.origin) to run it: \(error.localizedDescription)")
            }
            scriptFile = path
            if fileExtension == "py" {
                process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                process.arguments = ["python3", path]
            } else {
                process.executableURL = URL(fileURLWithPath: path)
            }
        case .shell(let line):
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", line]
        case .arguments(let arguments):
            guard let program = arguments.first else { throw ScaffoldError(message: "\(step.origin) is an empty command") }
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [program] + arguments.dropFirst()
        }
        let directory = step.workingDirectory.isEmpty || step.workingDirectory == "." ? folder : folder + "/" + step.workingDirectory
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = trust.environment.merging(step.environment) { $1 }
        do { try process.run() } catch {
            throw ScaffoldError(message: "cannot run \(step.origin): \(error.localizedDescription)")
        }
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw ScaffoldError(message: "\(step.origin) failed (exit status \(process.terminationStatus)); nothing was written")
        }
    }
}

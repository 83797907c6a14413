import GoldenPath

/// What a user supplies on the command line for a render: values files and `--set` arguments.
public struct ValueArguments: Sendable {
    public var valuesFiles: [String]
    public var sets: [String]
    /// Why values cannot be asked although `--no-input` was not given (`stdin is not a terminal`).
    public var unaskedReason: String?

    public init(valuesFiles: [String] = [], sets: [String] = [], unaskedReason: String? = nil) {
        self.valuesFiles = valuesFiles
        self.sets = sets
        self.unaskedReason = unaskedReason
    }

    public var isEmpty: Bool { valuesFiles.isEmpty && sets.isEmpty }

    /// The values files, read and parsed.
    func loadedFiles() throws(ScaffoldError) -> [ValuesFile] {
        do {
            var files: [ValuesFile] = []
            for path in valuesFiles { files.append(try ValuesFile.load(try Catalog.readText(path), path: path)) }
            return files
        } catch {
            throw ScaffoldError(error)
        }
    }

    /// The layered inputs for a render from this catalog: its platform.yaml, then these.
    /// `catalog`: where `platform.yaml` comes from (nil for a template folder used directly).
    func inputs(catalog: Catalog?, answersFile: (file: AnswersFile, path: String)? = nil) throws(ScaffoldError) -> ValueInputs {
        let files = try loadedFiles()
        do {
            var inputs = ValueInputs(platform: try catalog?.platformFile(), answersFile: answersFile, valuesFiles: files, sets: sets)
            inputs.unaskedReason = unaskedReason
            return inputs
        } catch {
            throw ScaffoldError(error)
        }
    }
}

/// Plain-text columns for the fleet commands' tables: every column as wide as its widest cell,
/// two spaces apart, the header in bold. Widths are counted before styling, so colors never skew them.
struct FleetTable {
    var header: [String]
    var rows: [[String]] = []

    init(_ header: [String]) {
        self.header = header
    }

    mutating func append(_ row: [String]) {
        rows.append(row)
    }

    func rendered(style: Style) -> String {
        var widths = header.map(\.count)
        for row in rows {
            for (column, cell) in row.enumerated() where column < widths.count {
                widths[column] = max(widths[column], cell.count)
            }
        }
        func line(_ cells: [String], bold: Bool) -> String {
            var text = ""
            for (column, cell) in cells.enumerated() {
                let last = column == cells.count - 1
                let padded = last ? cell : cell + String(repeating: " ", count: widths[column] - cell.count)
                text += (bold ? style.bold(padded) : padded) + (last ? "" : "  ")
            }
            return text
        }
        return ([line(header, bold: true)] + rows.map { line($0, bold: false) }).joined(separator: "\n")
    }
}

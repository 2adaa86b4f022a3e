import Foundation
import GraderFoundation
import LibXML2
import ZIPFoundation

/// Reads the first worksheet of an XLSX workbook: ZIPFoundation opens the archive,
/// libxml2 parses the workbook, relationships, shared strings and sheet XML.
/// Cells come out as the text they show: shared and inline strings, numbers and dates
/// as stored, formulas as their cached value (never evaluated).
enum XLSXReader {
    /// Largest uncompressed part read, so a zip bomb cannot exhaust memory.
    static let maximumPartBytes = 256 << 20

    package static func read(path: String) throws(InputError) -> ExportTable {
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw InputError(file: path, message: "not a readable XLSX workbook (zip): \(error)")
        }
        let sheetPath = try firstSheetPath(archive, path: path)
        let shared = try sharedStrings(archive, path: path)
        guard let sheet = try part(sheetPath, of: archive, path: path) else {
            throw InputError(file: path, message: "the workbook has no worksheet '\(sheetPath)'")
        }
        guard let data = sheet.root?.firstChild(named: "sheetData") else {
            throw InputError(file: path, message: "unreadable sheet: \(sheetPath) has no sheetData")
        }
        var table: [(number: Int, cells: [String])] = []
        var nextRow = 1
        for row in data.children(named: "row") {
            let number = row.attribute("r").flatMap(Int.init) ?? nextRow
            nextRow = number + 1
            var cells: [String] = []
            var nextColumn = 0
            for cell in row.children(named: "c") {
                let column = cell.attribute("r").flatMap(columnIndex) ?? nextColumn
                nextColumn = column + 1
                guard column < 16_384 else { continue }
                while cells.count <= column { cells.append("") }
                cells[column] = value(of: cell, shared: shared)
            }
            table.append((number, cells))
        }
        guard let header = table.first else { throw InputError(file: path, message: "the first worksheet is empty") }
        let width = header.cells.count
        return ExportTable(file: path, header: header.cells.map(CSVExportReader.trimmed),
                           rows: table.dropFirst().map { row in
                               // Trailing empty cells are not stored in XLSX: pad to the header's width.
                               (row.number, row.cells.count < width ? row.cells + Array(repeating: "", count: width - row.cells.count) : row.cells)
                           })
    }

    /// The text a cell shows. `t="s"` indexes the shared strings, `inlineStr` holds its text,
    /// `str` is a formula's cached string, `b` a boolean, `e` an error; otherwise `<v>` as stored.
    package static func value(of cell: XMLTree.Node, shared: [String]) -> String {
        let stored = cell.firstChild(named: "v")?.text ?? ""
        switch cell.attribute("t") {
        case "s": return Int(stored).flatMap { shared.indices.contains($0) ? shared[$0] : nil } ?? ""
        case "inlineStr": return cell.firstChild(named: "is").map(richText) ?? ""
        case "b": return stored == "1" ? "TRUE" : "FALSE"
        default: return stored
        }
    }

    /// Text of a string item: its `<t>`, or its runs' `<t>`s, leaving out phonetic guides.
    static func richText(_ item: XMLTree.Node) -> String {
        item.children.map { child -> String in
            switch child.name {
            case "t": return child.text
            case "r": return child.firstChild(named: "t")?.text ?? ""
            default: return ""
            }
        }.joined()
    }

    /// "B7" gives 1; letters only, base 26.
    static func columnIndex(_ reference: String) -> Int? {
        var index = 0
        var letters = 0
        for scalar in reference.unicodeScalars {
            guard let letter = scalar.properties.isUppercase ? scalar.value : nil, letter >= 65, letter <= 90 else { break }
            index = index * 26 + Int(letter - 64)
            letters += 1
        }
        return letters == 0 ? nil : index - 1
    }

    private static func firstSheetPath(_ archive: Archive, path: String) throws(InputError) -> String {
        let fallback = "xl/worksheets/sheet1.xml"
        guard let workbook = try part("xl/workbook.xml", of: archive, path: path),
              let sheet = workbook.root?.firstChild(named: "sheets")?.firstChild(named: "sheet"),
              let relation = sheet.attribute("id"),
              let relations = try part("xl/_rels/workbook.xml.rels", of: archive, path: path),
              let target = relations.root?.children.first(where: { $0.attribute("Id") == relation })?.attribute("Target")
        else { return fallback }
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        return "xl/" + target
    }

    private static func sharedStrings(_ archive: Archive, path: String) throws(InputError) -> [String] {
        guard let strings = try part("xl/sharedStrings.xml", of: archive, path: path) else { return [] }
        return strings.root?.children(named: "si").map(richText) ?? []
    }

    /// A part of the package parsed by libxml2, or nil when the archive has no such entry.
    private static func part(_ name: String, of archive: Archive, path: String) throws(InputError) -> XMLTree? {
        guard let entry = archive[name] else { return nil }
        guard entry.uncompressedSize <= UInt64(maximumPartBytes) else {
            throw InputError(file: path, message: "\(name) unpacks to \(entry.uncompressedSize) bytes, over the limit of \(maximumPartBytes)")
        }
        var bytes: [UInt8] = []
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                guard bytes.count + chunk.count <= maximumPartBytes else { throw InputError(file: path, message: "\(name) is too large") }
                bytes.append(contentsOf: chunk)
            }
        } catch let error as InputError {
            throw error
        } catch {
            throw InputError(file: path, message: "unreadable sheet: cannot unpack \(name): \(error)")
        }
        do {
            return try XMLTree(bytes: bytes, name: "\(path)/\(name)")
        } catch {
            throw InputError(file: path, message: "unreadable sheet: \(name) is not well-formed XML: \(error)")
        }
    }
}

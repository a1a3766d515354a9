import Domain
import Foundation
import Storage

/// `motcua procedures import FILE` and `motcua procedures export [--format csv|json]`.
///
/// Import is all-or-nothing: the whole file is validated first (every problem listed with its
/// line, in Vietnamese), then written in one transaction; on any error nothing is written.
enum ProcedureCommands {
    static let usage = "dùng / use: motcua procedures import FILE [--db PATH] | motcua procedures export [--format csv|json] [--db PATH]"

    static func run(_ raw: [String]) throws -> Int32 {
        switch raw.first {
        case "import":
            guard raw.count >= 2, !raw[1].hasPrefix("--") else { throw Arguments.UsageError(description: usage) }
            return try importFile(raw[1], try Arguments(Array(raw.dropFirst(2)), options: ["db", "format"]))
        case "export":
            return try export(try Arguments(Array(raw.dropFirst()), options: ["db", "format"]))
        default:
            throw Arguments.UsageError(description: usage)
        }
    }

    /// `csv` or `json`: stated, or taken from the file name's extension (CSV otherwise).
    static func format(_ arguments: Arguments, path: String?) throws -> String {
        if let format = arguments.value("format") {
            guard format == "csv" || format == "json" else {
                throw Arguments.UsageError(description: "--format phải là csv hoặc json / must be csv or json: \(format)")
            }
            return format
        }
        return path?.lowercased().hasSuffix(".json") == true ? "json" : "csv"
    }

    static func importFile(_ path: String, _ arguments: Arguments) throws -> Int32 {
        let format = try format(arguments, path: path)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SeedError("không đọc được tệp \(path) / cannot read the file")
        }
        let (database, _) = try DatabaseSetup.open(DatabaseSetup.path(arguments))
        defer { database.close() }
        let store = ProcedureStore(database: database)
        let reader = ProcedureRecordReader(agencyIDs: try store.agencyIDs())
        let result: Result<[ProcedureDefinition], ProcedureImportError>
        if format == "json" {
            result = reader.readJSON(Array(data))
        } else {
            guard let text = String(data: data, encoding: .utf8) else {
                throw SeedError("tệp \(path) không phải văn bản UTF-8 / not UTF-8 text")
            }
            result = reader.readCSV(text)
        }
        switch result {
        case .failure(let error):
            MotCuaCommand.printError("không nhập được \(path), chưa ghi gì vào cơ sở dữ liệu / nothing imported:\n\(error.message)")
            return 1
        case .success(let procedures):
            let summary = try store.importAll(procedures)
            print("Đã nhập \(procedures.count) thủ tục: thêm mới \(summary.added), cập nhật \(summary.updated), không đổi \(summary.unchanged).")
            return 0
        }
    }

    static func export(_ arguments: Arguments) throws -> Int32 {
        let format = try format(arguments, path: nil)
        let (database, _) = try DatabaseSetup.open(DatabaseSetup.path(arguments))
        defer { database.close() }
        let entries = try ProcedureStore(database: database).all()
        let output: String
        if format == "json" {
            var json = JSONWriter(capacity: 64 * 1024)
            json.beginArray()
            for entry in entries { entry.definition.writeJSON(into: &json) }
            json.endArray()
            output = String(decoding: json.bytes, as: UTF8.self) + "\n"
        } else {
            var csv = CSVWriter()
            csv.write(ProcedureRecordReader.columns)
            for entry in entries { csv.write(entry.definition.csvFields) }
            output = csv.text
        }
        FileHandle.standardOutput.write(Data(output.utf8))
        return 0
    }
}

import Domain
import Foundation

extension ProcedureDefinition {
    /// The API shape of `GET /api/v1/procedures/{code}` (also the JSON export), plus
    /// `fee_note`, `legal_basis` and `version` as additions.
    func writeJSON(into json: inout JSONWriter, version: Int? = nil) {
        json.beginObject()
        json.key("code"); json.string(code)
        json.key("name"); json.string(name)
        json.key("field"); json.string(field)
        json.key("level"); json.string(level)
        json.key("agency_id"); json.int(agencyID)
        json.key("time_limit"); Self.write(timeLimit, into: &json)
        json.key("online_level"); json.string(onlineLevel)
        json.key("fee_vnd"); json.int(feeVND)
        json.key("fee_note"); json.string(feeNote)
        json.key("documents"); Self.writeDocuments(documents, into: &json)
        json.key("steps"); Self.writeSteps(steps, into: &json)
        json.key("legal_basis"); json.string(legalBasis)
        if let version { json.key("version"); json.int(version) }
        json.endObject()
    }

    static func write(_ limit: TimeLimit, into json: inout JSONWriter) {
        json.beginObject()
        json.key("value"); json.int(limit.value)
        json.key("unit"); json.string(limit.unit.rawValue)
        json.endObject()
    }

    static func writeDocuments(_ documents: [Document], into json: inout JSONWriter) {
        json.beginArray()
        for document in documents {
            json.beginObject()
            json.key("name"); json.string(document.name)
            json.key("required"); json.bool(document.required)
            json.key("copies"); json.int(document.copies)
            json.endObject()
        }
        json.endArray()
    }

    static func writeSteps(_ steps: [Step], into json: inout JSONWriter) {
        json.beginArray()
        for step in steps {
            json.beginObject()
            json.key("name"); json.string(step.name)
            json.key("role"); json.string(step.role)
            json.key("time_limit"); write(step.timeLimit, into: &json)
            json.endObject()
        }
        json.endArray()
    }

    /// `documents` as stored in the `procedures.documents` column.
    var documentsJSON: String {
        var json = JSONWriter(capacity: 256)
        Self.writeDocuments(documents, into: &json)
        return String(decoding: json.bytes, as: UTF8.self)
    }

    /// `steps` as stored in the `procedures.steps` column.
    var stepsJSON: String {
        var json = JSONWriter(capacity: 256)
        Self.writeSteps(steps, into: &json)
        return String(decoding: json.bytes, as: UTF8.self)
    }

    /// One CSV record in the column order of `ProcedureRecordReader.columns`.
    var csvFields: [String] {
        [code, name, field, level, agencyID.map(String.init) ?? "", String(timeLimit.value), timeLimit.unit.rawValue,
         feeVND.map(String.init) ?? "", feeNote ?? "", onlineLevel, documentsJSON, stepsJSON, legalBasis ?? ""]
    }
}

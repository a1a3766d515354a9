// libFuzzer target for the pure rules of Sources/Domain (`make fuzz FUZZ_TARGET=domain`),
// compiled together with them as one module. Every parser that reads what a user or an import
// file sends gets the input as text: none may trap, and the round trips below must hold.
//   - DossierCode: a code that parses is rebuilt exactly by `make` from its parts.
//   - CSV: fields cut from the input at bytes 0x1F (field) and 0x1E (record), written with
//     CSVWriter, read back by CSVReader as the same records.
//   - SearchText.fold and MobilePhoneNumber.normalized give the same result applied twice.
//   - QR: any byte string encodes, at every level and mask, to a symbol of the size its version
//     has, or fails with `.payloadTooLong` (beyond version 10).
//   - DossierHistory and DocumentList: the input as a packed history or document list either is
//     refused or decodes to values that pack and decode to themselves; events built from the input's fields pack and decode to
//     themselves (or are refused by the packer when their seq, ids do not allow it).

import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDomain(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let text = String(decoding: bytes, as: UTF8.self)
    let today = LocalDate(year: 2026, month: 12, day: 7)!

    if let (identifier, date, sequence) = DossierCode.parse(text) {
        let rebuilt = DossierCode.make(identifier: identifier, date: date, sequence: sequence)
        if rebuilt != text { fatalError("dossier code \(text.debugDescription) parsed and rebuilt as \(rebuilt.debugDescription)") }
    }
    _ = IdNumber.validate(text, today: today)
    _ = LocalDate(iso: text)
    _ = VietnamTime.parse(text)
    _ = VietnamTime.parseLocal(text)
    _ = EmailAddressSyntax.isValid(text)
    _ = AgencyIdentifier(text)
    if let phone = MobilePhoneNumber.normalized(text), MobilePhoneNumber.normalized(phone) != phone {
        fatalError("phone \(text.debugDescription) normalized to \(phone.debugDescription), which normalizes again differently")
    }
    let folded = SearchText.fold(text)
    if SearchText.fold(folded) != folded { fatalError("fold is not idempotent on \(text.debugDescription)") }
    _ = SearchText.rank(query: String(text.prefix(8)), text: text)
    _ = try? CSVReader.table(text, required: ["ma", "ten"])
    _ = try? WorkingCalendar.parseHolidaysCSV(text)

    checkCSVRoundTrip(bytes)
    checkHistoryRoundTrip(bytes)
    // The symbol's largest version holds a few hundred bytes; longer inputs only test the refusal.
    // With ASan a symbol costs milliseconds, so one input in four is encoded, most with the mask
    // the input picks; the others score all eight masks.
    if let first = bytes.first, first % 4 == 0, bytes.count <= 400 {
        let levels = QRCode.ErrorCorrectionLevel.allCases
        let level = levels[Int(first) % levels.count]
        let mask: Int? = first >> 5 == 0 ? nil : Int(first >> 2) & 7
        do {
            let code = try QRCode.encode(bytes: Array(bytes.dropFirst()), level: level, mask: mask)
            if code.size != 17 + 4 * code.version { fatalError("QR version \(code.version) with size \(code.size)") }
        } catch QRCode.EncodingError.payloadTooLong {
        } catch {
            fatalError("QR encoding of \(bytes.count - 1) bytes failed with \(error)")
        }
    }
    return 0
}

func checkCSVRoundTrip(_ bytes: [UInt8]) {
    var records: [[String]] = []
    for record in bytes.split(separator: 0x1E, omittingEmptySubsequences: false) {
        let fields = record.split(separator: 0x1F, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        // An empty line is skipped by the reader and a leading byte-order mark dropped, by design.
        if fields == [""] { continue }
        if records.isEmpty, fields[0].unicodeScalars.first == "\u{FEFF}" { continue }
        records.append(fields)
    }
    var writer = CSVWriter()
    records.forEach { writer.write($0) }
    do {
        let read = try CSVReader.records(writer.text).map(\.fields)
        if read != records { fatalError("CSV round trip: wrote \(records.debugDescription), read \(read.debugDescription)") }
    } catch {
        fatalError("CSV round trip: wrote \(records.debugDescription), reading failed with \(error)")
    }
}

func checkHistoryRoundTrip(_ bytes: [UInt8]) {
    if let documents = DocumentList.decode([DocumentList.formatVersion] + bytes) {
        guard let packed = DocumentList.encode(documents) else { fatalError("decoded documents \(documents) do not pack") }
        if DocumentList.decode(packed).flatMap(DocumentList.encode) != packed {
            fatalError("decoded documents \(documents) repack differently")
        }
    }
    if let events = DossierHistory.decode([DossierHistory.formatVersion] + bytes) {
        guard let packed = DossierHistory.encode(events) else { fatalError("decoded events \(events) do not pack") }
        if DossierHistory.decode(packed).flatMap(DossierHistory.encode) != packed {
            fatalError("decoded events \(events) repack differently")
        }
    }
    // Events from fields cut at 0x1F, eight to an event, seq from their lengths.
    let fields = bytes.split(separator: 0x1F, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    var events: [DossierEvent] = []
    var seq = 0
    var index = 0
    while index + 8 <= fields.count {
        let field = Array(fields[index..<index + 8])
        seq += 1 + field[0].utf8.count * 1_000
        events.append(DossierEvent(seq: seq, at: field[1], action: field[2], actorID: field[3].isEmpty ? nil : field[3].utf8.count,
                                   actorName: field[3], actorRole: field[4], fromStatus: field[5].isEmpty ? nil : field[5],
                                   toStatus: field[6], agencyID: field[7].utf8.count, note: field[7].isEmpty ? nil : field[7]))
        index += 8
    }
    guard let packed = DossierHistory.encode(events) else { fatalError("valid events \(events) refused") }
    // Compared as packed bytes, which hold each text's own UTF-8 bytes (`==` on Strings would
    // pass text that came back in another normalization form, or without a leading U+FEFF).
    if DossierHistory.decode(packed) != events || DossierHistory.decode(packed).flatMap(DossierHistory.encode) != packed {
        fatalError("events \(events) do not round-trip")
    }
}

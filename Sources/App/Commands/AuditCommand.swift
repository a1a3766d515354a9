import Foundation

/// `motcua audit verify [--db PATH]`: exit 0 when the event chain is whole and every packed
/// history (`dossiers.history`) and document list (`dossiers.document_list`) equals its
/// dossier's rows; 1 naming the first broken link or differing dossier otherwise.
enum AuditCommand {
    static func run(_ raw: [String]) throws -> Int32 {
        guard raw.first == "verify" else {
            throw Arguments.UsageError(description: "dùng / use: motcua audit verify [--db PATH]")
        }
        let arguments = try Arguments(Array(raw.dropFirst()), options: ["db"])
        let (database, _) = try DatabaseSetup.open(DatabaseSetup.path(arguments))
        defer { database.close() }
        let report = try AuditChain.verify(database)
        guard let broken = report.firstBroken else {
            print("Chuỗi sự kiện toàn vẹn: \(report.verified) sự kiện đã được kiểm tra. / The event chain is intact.")
            let histories = try AuditChain.verifyHistories(database)
            if let code = histories.firstMismatch {
                print("""
                    Lịch sử xử lý lưu kèm hồ sơ \(code) không khớp với chuỗi sự kiện (\(histories.checked) hồ sơ trước đó khớp).
                    / The packed history of dossier \(code) differs from its events.
                    """)
                return 1
            }
            print("Lịch sử xử lý lưu kèm \(histories.checked) hồ sơ khớp với chuỗi sự kiện. / Packed histories match the events.")
            let lists = try AuditChain.verifyDocumentLists(database)
            if let code = lists.firstMismatch {
                print("""
                    Danh sách tài liệu lưu kèm hồ sơ \(code) không khớp với bảng tài liệu (\(lists.checked) hồ sơ trước đó khớp).
                    / The packed document list of dossier \(code) differs from its documents.
                    """)
                return 1
            }
            print("Danh sách tài liệu lưu kèm \(lists.checked) hồ sơ khớp với bảng tài liệu. / Packed document lists match.")
            return 0
        }
        print("""
            Chuỗi sự kiện bị phá vỡ tại sự kiện số \(broken.seq): \(broken.reason.message).
            \(report.verified) sự kiện trước đó hợp lệ. / The event chain breaks at seq \(broken.seq).
            """)
        return 1
    }
}

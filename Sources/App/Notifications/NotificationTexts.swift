import Domain
import Foundation

/// The wording of every notice sent to applicants, in one place: a short SMS text (aimed at
/// 160 characters, with the dossier code and the date that matters) and a longer email text.
///
/// Written into the outbox in the same transaction as the event they tell about
/// (`NotificationOutbox`); the wording is data for people, so it is Vietnamese with diacritics.
enum NotificationTexts {
    /// One notice in both channels.
    struct Message: Sendable, Equatable {
        var sms: String
        var email: String
    }

    /// What a notice is about.
    struct Subject: Sendable {
        var code: String
        var applicantName: String
        var procedureName: String
    }

    /// The aim for one SMS (one GSM segment's worth of characters).
    static let smsTargetLength = 160

    /// Received, with the appointment (Mẫu 01): at the counter, by post, or on acceptance online.
    static func received(_ subject: Subject, dueAt: Date) -> Message {
        received(subject, due: VietnamTime.display(dueAt))
    }

    /// A receipt notice prepared before its dossier has a code: the code is given out inside
    /// the write, so only the last step, putting the texts together, happens there.
    struct ReceivedNotice: Sendable {
        var applicantName: String
        var procedureName: String
        /// The appointment as shown to people (`VietnamTime.display`).
        var due: String

        init(applicantName: String, procedureName: String, dueAt: Date) {
            self.applicantName = applicantName
            self.procedureName = procedureName
            due = VietnamTime.display(dueAt)
        }

        func message(code: String) -> Message {
            NotificationTexts.received(Subject(code: code, applicantName: applicantName, procedureName: procedureName),
                                       due: due)
        }
    }

    private static func received(_ subject: Subject, due: String) -> Message {
        Message(
            sms: "MotCua: Hồ sơ \(subject.code) đã được tiếp nhận, hẹn trả kết quả lúc \(due). Tra cứu bằng mã hồ sơ và số CCCD.",
            email: email(subject, title: "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", lines: [
                "Hồ sơ \(subject.code) (\(subject.procedureName)) đã được tiếp nhận.",
                "Thời gian trả kết quả: \(due).",
                "Ông/Bà có thể tra cứu tình trạng hồ sơ bằng mã hồ sơ và số căn cước công dân.",
            ]))
    }

    /// The time limit restarted after a complete supplement (NĐ 61 Đ19.4): a new appointment.
    static func restarted(_ subject: Subject, dueAt: Date) -> Message {
        let due = VietnamTime.display(dueAt)
        return Message(
            sms: "MotCua: Đã nhận đủ hồ sơ bổ sung \(subject.code); thời hạn giải quyết tính lại, hẹn trả kết quả lúc \(due).",
            email: email(subject, title: "Đã nhận đủ hồ sơ bổ sung, hẹn lại ngày trả kết quả", lines: [
                "Hồ sơ \(subject.code) (\(subject.procedureName)) đã được bổ sung đầy đủ.",
                "Theo khoản 4 Điều 19 Nghị định 61/2018/NĐ-CP, thời hạn giải quyết được tính lại từ đầu.",
                "Thời gian trả kết quả mới: \(due).",
            ]))
    }

    /// A supplement request (Mẫu 02): at intake, or during processing (the dossier is paused).
    static func supplementRequested(_ subject: Subject, missing: [String], duringProcessing: Bool) -> Message {
        let list = missing.joined(separator: "; ")
        let lead = duringProcessing
            ? "MotCua: Hồ sơ \(subject.code) tạm dừng xử lý, cần bổ sung"
            : "MotCua: Hồ sơ \(subject.code) cần bổ sung"
        var sms = "\(lead): \(list)."
        if sms.count > smsTargetLength {
            sms = "\(lead) \(missing.count) giấy tờ; chi tiết trong phiếu yêu cầu bổ sung (thư điện tử, trang tra cứu)."
        }
        var lines = ["Hồ sơ \(subject.code) (\(subject.procedureName)) cần bổ sung, hoàn thiện các giấy tờ sau:"]
        lines += missing.enumerated().map { "\($0.offset + 1). \($0.element)" }
        lines.append(duringProcessing
            ? "Hồ sơ tạm dừng xử lý; thời hạn giải quyết được tính lại từ đầu khi nhận đủ hồ sơ bổ sung."
            : "Hồ sơ sẽ được tiếp nhận khi Ông/Bà bổ sung đầy đủ các giấy tờ trên.")
        return Message(sms: sms, email: email(subject, title: "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ", lines: lines))
    }

    /// The result is ready to be returned.
    static func resultReady(_ subject: Subject) -> Message {
        Message(
            sms: "MotCua: Hồ sơ \(subject.code) đã có kết quả. Mời Ông/Bà nhận kết quả theo hình thức đã đăng ký.",
            email: email(subject, title: "Hồ sơ đã có kết quả", lines: [
                "Hồ sơ \(subject.code) (\(subject.procedureName)) đã có kết quả giải quyết.",
                "Mời Ông/Bà nhận kết quả theo hình thức đã đăng ký (tại Bộ phận Một cửa, qua bưu chính hoặc trực tuyến).",
            ]))
    }

    /// The apology and new date (Mẫu 04, NĐ 61 Đ19.9).
    static func apology(_ subject: Subject, newDueAt: Date, reason: String) -> Message {
        let due = VietnamTime.display(newDueAt)
        return Message(
            sms: "MotCua: Xin lỗi Ông/Bà, hồ sơ \(subject.code) chậm trả kết quả; hẹn lại lúc \(due).",
            email: email(subject, title: "Phiếu xin lỗi và hẹn lại ngày trả kết quả", lines: [
                "Hồ sơ \(subject.code) (\(subject.procedureName)) chưa thể trả kết quả đúng hẹn.",
                "Lý do: \(reason)",
                "Cơ quan giải quyết thành thật xin lỗi Ông/Bà và hẹn trả kết quả vào lúc \(due).",
            ]))
    }

    /// An email body: a subject line, the greeting, the lines, the signature.
    private static func email(_ subject: Subject, title: String, lines: [String]) -> String {
        (["Tiêu đề: \(title) — hồ sơ \(subject.code)", "", "Kính gửi Ông/Bà \(subject.applicantName),", ""]
            + lines + ["", "Trân trọng,", "Bộ phận Một cửa — Hệ thống MotCua"]).joined(separator: "\n")
    }
}

/// An error answered to a client: the HTTP status, the machine code of API.md and a
/// Vietnamese message for people. Handlers throw it; `ErrorRenderer` is the one place that
/// turns it into a JSON or HTML response.
public struct APIError: Error, Sendable, Equatable {
    public var status: Int
    public var code: String
    public var message: String
    /// `validation_failed`: field → Vietnamese message (`details.fields`).
    public var fields: [String: String]
    /// `invalid_transition`: the actions allowed from the current status (`details.allowed_actions`).
    public var allowedActions: [String]

    public init(status: Int, code: String, message: String, fields: [String: String] = [:], allowedActions: [String] = []) {
        self.status = status
        self.code = code
        self.message = message
        self.fields = fields
        self.allowedActions = allowedActions
    }

    public static func badRequest(_ message: String = "Yêu cầu không hợp lệ.") -> APIError {
        APIError(status: 400, code: "bad_request", message: message)
    }

    public static let unauthenticated = APIError(
        status: 401, code: "unauthenticated", message: "Vui lòng đăng nhập để tiếp tục.")

    public static func forbidden(_ message: String = "Bạn không có quyền thực hiện thao tác này.") -> APIError {
        APIError(status: 403, code: "forbidden", message: message)
    }

    public static func notFound(_ message: String = "Không tìm thấy nội dung yêu cầu.") -> APIError {
        APIError(status: 404, code: "not_found", message: message)
    }

    public static func conflict(_ message: String) -> APIError {
        APIError(status: 409, code: "conflict", message: message)
    }

    public static func invalidTransition(_ message: String, allowed: [String]) -> APIError {
        APIError(status: 409, code: "invalid_transition", message: message, allowedActions: allowed)
    }

    public static func payloadTooLarge(_ message: String = "Dữ liệu gửi lên vượt quá dung lượng cho phép.") -> APIError {
        APIError(status: 413, code: "payload_too_large", message: message)
    }

    public static func unsupportedMediaType(_ message: String = "Định dạng dữ liệu không được hỗ trợ.") -> APIError {
        APIError(status: 415, code: "unsupported_media_type", message: message)
    }

    public static func validationFailed(_ fields: [String: String]) -> APIError {
        APIError(status: 422, code: "validation_failed", message: "Dữ liệu chưa hợp lệ, vui lòng kiểm tra lại.", fields: fields)
    }

    public static func rateLimited(_ message: String = "Bạn đã thử quá nhiều lần. Vui lòng thử lại sau ít phút.") -> APIError {
        APIError(status: 429, code: "rate_limited", message: message)
    }

    public static let internalError = APIError(
        status: 500, code: "internal_error", message: "Hệ thống đang gặp sự cố. Vui lòng thử lại sau.")

    public static let unavailable = APIError(
        status: 503, code: "unavailable", message: "Hệ thống tạm thời không phục vụ được. Vui lòng thử lại sau.")

    /// The JSON body of API.md: `{"error": {"code", "message", "details"?}}`.
    public var jsonBody: [UInt8] {
        var json = JSONWriter(capacity: 160)
        json.beginObject()
        json.key("error")
        json.beginObject()
        json.key("code")
        json.string(code)
        json.key("message")
        json.string(message)
        if !fields.isEmpty || !allowedActions.isEmpty {
            json.key("details")
            json.beginObject()
            if !fields.isEmpty {
                json.key("fields")
                json.beginObject()
                for (field, text) in fields.sorted(by: { $0.key < $1.key }) {
                    json.key(field)
                    json.string(text)
                }
                json.endObject()
            }
            if !allowedActions.isEmpty {
                json.key("allowed_actions")
                json.beginArray()
                for action in allowedActions { json.string(action) }
                json.endArray()
            }
            json.endObject()
        }
        json.endObject()
        json.endObject()
        return json.bytes
    }
}

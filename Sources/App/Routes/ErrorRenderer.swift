import Domain
import Foundation
import HTTP
import Storage

/// The single place that turns errors into responses: the JSON error shape of API.md for API
/// paths, a Vietnamese HTML page for people. Unknown errors become 500 and are logged; SQL
/// and internal details never reach a client.
enum ErrorRenderer {
    static func render(_ error: any Error, for request: Request) -> Response {
        let apiError = apiError(for: error, request: request)
        var response = isAPI(request) ? json(apiError) : html(apiError)
        if let httpError = error as? HTTPError, !httpError.allowedMethods.isEmpty {
            response.headers.set("Allow", httpError.allowedMethods.map(\.rawValue).joined(separator: ", "))
        }
        return response
    }

    static func apiError(for error: any Error, request: Request) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as HTTPError:
            return error.status == 405
                ? APIError(status: 405, code: "method_not_allowed", message: "Phương thức không được hỗ trợ cho địa chỉ này.")
                : .notFound()
        case let error as DossierError:
            return DossierErrorMapping.apiError(error)
        default:
            FileHandle.standardError.write(Data("motcua: error on \(request.method) \(request.head.path): \(error)\n".utf8))
            return .internalError
        }
    }

    static func isAPI(_ request: Request) -> Bool {
        request.head.target.hasPrefix("/api/") || request.head.target.hasPrefix("/healthz")
    }

    static func json(_ error: APIError) -> Response {
        Response(status: error.status, headers: ["Content-Type": "application/json; charset=utf-8"], body: .bytes(error.jsonBody))
    }

    static func html(_ error: APIError) -> Response {
        let body = """
        <section class="error">
        <h1>\(HTML.escape(title(for: error.status)))</h1>
        <p>\(HTML.escape(error.message))</p>
        <p><a href="/">Về trang chủ</a></p>
        </section>
        """
        return Layout.response(status: error.status, title: title(for: error.status), body: body)
    }

    static func title(for status: Int) -> String {
        switch status {
        case 400: "Yêu cầu không hợp lệ"
        case 401: "Cần đăng nhập"
        case 403: "Không có quyền truy cập"
        case 404: "Không tìm thấy trang"
        case 405: "Phương thức không được hỗ trợ"
        case 409: "Xung đột dữ liệu"
        case 413: "Dữ liệu quá lớn"
        case 415: "Định dạng không được hỗ trợ"
        case 422: "Dữ liệu chưa hợp lệ"
        case 429: "Quá nhiều yêu cầu"
        default: "Lỗi hệ thống"
        }
    }

    /// Bodies for errors the HTTP server answers on its own (framing, limits, timeouts).
    static func protocolError(status: Int) -> Response {
        let error: APIError = switch status {
        case 408: APIError(status: 408, code: "request_timeout", message: "Hết thời gian chờ gửi yêu cầu.")
        case 413: .payloadTooLarge()
        case 414: APIError(status: 414, code: "uri_too_long", message: "Địa chỉ yêu cầu quá dài.")
        case 417: APIError(status: 417, code: "expectation_failed", message: "Giá trị Expect không được hỗ trợ.")
        case 431: APIError(status: 431, code: "headers_too_large", message: "Phần tiêu đề của yêu cầu quá lớn.")
        case 501: APIError(status: 501, code: "not_implemented", message: "Kiểu mã hóa truyền tải không được hỗ trợ.")
        case 503: .unavailable
        case 505: APIError(status: 505, code: "http_version_not_supported", message: "Phiên bản HTTP không được hỗ trợ.")
        default: .badRequest()
        }
        return json(APIError(status: status, code: error.code, message: error.message))
    }
}

import HTTP

/// JSON responses written with `JSONWriter`.
enum JSONResponse {
    static func make(status: Int = 200, _ write: (inout JSONWriter) -> Void) -> Response {
        var json = JSONWriter(capacity: 2048)
        write(&json)
        return Response(status: status, headers: ["Content-Type": "application/json; charset=utf-8"], body: .bytes(json.bytes))
    }
}

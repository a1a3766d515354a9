import Domain
import Foundation
import HTTP

/// A QR Code as an inline `<svg>` element: one path of unit squares in a viewBox with the
/// 4-module quiet zone (ISO/IEC 18004:2015 §6.3.8). Inline markup needs no `img-src` under the
/// pages' Content-Security-Policy, and scales crisply on paper.
enum QRCodeSVG {
    static let quietZone = 4

    /// The symbol for `text` at level M, `millimetres` wide on paper; nil if it does not fit
    /// in version 10 (the caller prints the text instead).
    static func svg(for text: String, label: String, millimetres: Int = 24) -> String? {
        guard let code = try? QRCode.encode(text, level: .medium) else { return nil }
        return svg(code, label: label, millimetres: millimetres)
    }

    static func svg(_ code: QRCode, label: String, millimetres: Int) -> String {
        let side = code.size + 2 * quietZone
        var path = ""
        path.reserveCapacity(code.size * code.size * 6)
        for row in 0..<code.size {
            for column in 0..<code.size where code.isDark(row: row, column: column) {
                path += "M\(column + quietZone) \(row + quietZone)h1v1h-1z"
            }
        }
        return """
        <svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(side) \(side)" width="\(millimetres)mm" \
        height="\(millimetres)mm" role="img" aria-label="\(HTML.escape(label))" shape-rendering="crispEdges">\
        <rect width="\(side)" height="\(side)" fill="#fff"/><path fill="#000" d="\(path)"/></svg>
        """
    }

    /// The public tracking address of a dossier, absolute when the request names its host
    /// (RFC 9110 §7.2 Host), so that a phone scanning the paper lands on this server. Only
    /// the code goes into it: the CCCD number stays off paper and is asked on the page.
    static func trackingURL(code: String, request: Request) -> String {
        let path = "/tra-cuu?ma=" + PercentEncoding.encode(code)
        guard let host = request.headers["Host"], isPlausibleHost(host) else { return path }
        let scheme = request.headers["X-Forwarded-Proto"]?.lowercased() == "https" ? "https" : "http"
        return "\(scheme)://\(host)\(path)"
    }

    /// A host with an optional port: letters, digits, dots, hyphens, colons and brackets (IPv6).
    private static func isPlausibleHost(_ host: String) -> Bool {
        !host.isEmpty && host.utf8.count <= 255 && host.unicodeScalars.allSatisfy {
            ($0.isASCII && CharacterSet.alphanumerics.contains($0)) || ".-:[]".unicodeScalars.contains($0)
        }
    }
}

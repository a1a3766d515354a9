/// Parsing and matching of route patterns such as `/api/v1/dossiers/{code}`.
enum RoutePattern {
    enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
        /// `{name...}`: the rest of the path; only meaningful last.
        case catchAll(String)
    }

    static func segments(of pattern: String) -> [Segment] {
        pattern.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map { part in
            guard part.hasPrefix("{"), part.hasSuffix("}"), part.count > 2 else { return .literal(String(part)) }
            let name = part.dropFirst().dropLast()
            if name.hasSuffix("...") { return .catchAll(String(name.dropLast(3))) }
            return .parameter(String(name))
        }
    }

    /// The pattern as a path, with parameters normalised, so `{a}` and `{b}` collide.
    static func key(of segments: [Segment]) -> String {
        var key = ""
        for segment in segments {
            key += "/"
            switch segment {
            case let .literal(text): key += text
            case .parameter: key += "{}"
            case .catchAll: key += "{...}"
            }
        }
        return key.isEmpty ? "/" : key
    }

    /// The path of a request target: origin form as is, absolute form without scheme and
    /// authority (RFC 9112 §3.2.2), `*` kept, and the query removed.
    static func path(ofTarget target: String) -> Substring {
        var path = target[...]
        // Searched as UTF-8, not as Characters: the parser admits only ASCII in a target
        // (RFC 3986 §2), where both agree, and this runs for every request.
        if let question = path.utf8.firstIndex(of: UInt8(ascii: "?")) { path = path[..<question] }
        if path.first != "/", path != "*", let scheme = path.range(of: "://") {
            let afterAuthority = path[scheme.upperBound...]
            path = afterAuthority.firstIndex(of: "/").map { afterAuthority[$0...] } ?? "/"
        }
        return path
    }

    /// Matches path `parts` (split on "/", first element the empty text before the leading
    /// slash) against `segments`; returns the decoded parameters, or nil.
    static func match(_ segments: [Segment], _ parts: [Substring]) -> [String: String]? {
        guard parts.count >= 2, parts[0].isEmpty else { return nil }
        var parameters: [String: String] = [:]
        var index = 1
        for segment in segments {
            switch segment {
            case let .literal(text):
                guard index < parts.count, parts[index] == text else { return nil }
            case let .parameter(name):
                guard index < parts.count, !parts[index].isEmpty,
                      let value = PercentDecoding.decode(parts[index]) else { return nil }
                parameters[name] = value
            case let .catchAll(name):
                guard index < parts.count else { return nil }
                let rest = parts[index...].joined(separator: "/")
                guard let value = PercentDecoding.decode(rest) else { return nil }
                parameters[name] = value
                return parameters
            }
            index += 1
        }
        return index == parts.count ? parameters : nil
    }
}

extension Request {
    /// Whether the body is declared `application/x-www-form-urlencoded` (the media type is
    /// case-insensitive and may carry parameters such as `charset`, RFC 9110 §8.3.1).
    public var hasURLEncodedForm: Bool {
        guard let contentType = headers["Content-Type"] else { return false }
        let mediaType = (contentType.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
            .trimmingASCIISpaces()
        return String(mediaType).equalsIgnoringASCIICase("application/x-www-form-urlencoded")
    }

    /// The fields of an `application/x-www-form-urlencoded` body held in memory, in order;
    /// malformed pairs are skipped. Empty for any other content type or a spooled body.
    public func formFields() -> [(name: String, value: String)] {
        guard hasURLEncodedForm, case .bytes(let bytes) = body else { return [] }
        return URLEncodedForm.parse(bytes)
    }

    /// The first form field named `name` (case-sensitive), or nil.
    public func formField(_ name: String) -> String? {
        formFields().first { $0.name == name }?.value
    }
}

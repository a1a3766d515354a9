import Foundation

/// Command-line options of one subcommand: `--name value` pairs and bare `--flag`s, checked
/// against the names the subcommand accepts, with Vietnamese-and-English error messages.
struct Arguments {
    struct UsageError: Error, CustomStringConvertible {
        let description: String
    }

    private(set) var values: [String: String] = [:]
    private(set) var flags: Set<String> = []

    /// Parses `arguments`; `options` take a value, `switches` do not.
    init(_ arguments: [String], options: Set<String>, switches: Set<String> = []) throws {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            guard argument.hasPrefix("--") else {
                throw UsageError(description: "tham số không hợp lệ / unexpected argument: \(argument)")
            }
            var name = String(argument.dropFirst(2))
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if switches.contains(name), inlineValue == nil {
                flags.insert(name)
            } else if options.contains(name) {
                if let inlineValue {
                    values[name] = inlineValue
                } else {
                    index += 1
                    guard index < arguments.count else {
                        throw UsageError(description: "thiếu giá trị cho / missing value for --\(name)")
                    }
                    values[name] = arguments[index]
                }
            } else {
                throw UsageError(description: "tùy chọn không được hỗ trợ / unknown option --\(name)")
            }
            index += 1
        }
    }

    func value(_ name: String, environment: String? = nil) -> String? {
        if let value = values[name] { return value }
        if let environment, let value = ProcessInfo.processInfo.environment[environment], !value.isEmpty { return value }
        return nil
    }

    func required(_ name: String) throws -> String {
        guard let value = values[name], !value.isEmpty else {
            throw UsageError(description: "thiếu tùy chọn bắt buộc / missing required option --\(name)")
        }
        return value
    }

    func integer(_ name: String, environment: String? = nil, range: ClosedRange<Int>) throws -> Int? {
        guard let text = value(name, environment: environment) else { return nil }
        guard let number = Int(text), range.contains(number) else {
            throw UsageError(description: "--\(name) phải là số nguyên trong khoảng \(range.lowerBound)–\(range.upperBound) / must be an integer in that range: \(text)")
        }
        return number
    }

    /// An `on|off` option: true for on, false for off, `defaultValue` when absent.
    func onOff(_ name: String, environment: String? = nil, default defaultValue: Bool) throws -> Bool {
        switch value(name, environment: environment) {
        case nil: return defaultValue
        case "on": return true
        case "off": return false
        case let other?:
            throw UsageError(description: "--\(name) phải là on hoặc off / must be on or off: \(other)")
        }
    }

    func has(_ flag: String) -> Bool { flags.contains(flag) }
}

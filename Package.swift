// swift-tools-version:6.0
import PackageDescription

// MotCua: no package dependencies. Foundation, Dispatch and XCTest only, with SQLite
// through the CSQLite system library (Debian: libsqlite3-dev) and Linux's epoll header
// through CEpoll.
let package = Package(
    name: "MotCua",
    products: [
        .executable(name: "motcua", targets: ["motcua"]),
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            path: "Sources/CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // <sys/epoll.h> for the server's socket poller (see `SocketPoller`); part of libc.
        .systemLibrary(name: "CEpoll", path: "Sources/CEpoll"),
        // Key derivation runs hundreds of thousands of compressions; optimize it even in debug
        // builds so the published PBKDF2 vectors stay quick to check in `make test`.
        .target(name: "Hashing", swiftSettings: [.unsafeFlags(["-O"])]),
        .target(name: "HTTP", dependencies: ["CEpoll"]),
        .target(name: "Storage", dependencies: ["CSQLite", "Hashing"]),
        .target(name: "Domain", dependencies: ["Hashing"]),
        .target(name: "App", dependencies: ["HTTP", "Storage", "Domain", "Hashing"]),
        .executableTarget(name: "motcua", dependencies: ["App"]),
        .target(name: "TestSupport", dependencies: ["HTTP", "Storage", "App"]),
        .testTarget(name: "HashingTests", dependencies: ["Hashing"]),
        .testTarget(name: "HTTPTests", dependencies: ["HTTP", "TestSupport"]),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "TestSupport"]),
        .testTarget(name: "DomainTests", dependencies: ["Domain"]),
        .testTarget(name: "AppTests", dependencies: ["App", "HTTP", "Storage", "Domain", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)

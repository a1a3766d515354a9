import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Tells the kernel that this process reads a database file at random, so that a page not in
/// the page cache is read alone instead of with a readahead window around it.
///
/// A b-tree lookup wants one page; the pages beside it in the file belong to other rows or to
/// other tables (a table's pages are spread through a file that grew by many interleaved
/// inserts). With readahead, each miss reads up to 128 KiB, mostly pages nobody asked for, and
/// on a disk that is slow at the moment that bandwidth is what the reads wait for
/// (BENCHMARKS.md, 2026-12-07 23:10). RocksDB does the same to its table files by default
/// (`advise_random_on_open`).
///
/// `POSIX_FADV_RANDOM` applies to one open file, so it is given to every descriptor this
/// process holds on `path`, found in `/proc/self/fd` (Linux; elsewhere this does nothing):
/// SQLite opens the file once per connection and does not hand out the descriptor.
enum RandomAccessAdvice {
    /// Advises every descriptor open on `path`; returns how many were advised.
    @discardableResult
    static func apply(toFileAt path: String) -> Int {
        #if os(Linux)
        guard let resolved = realpath(path, nil) else { return 0 }
        let target = String(cString: resolved)
        free(resolved)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else { return 0 }
        var advised = 0
        for name in names {
            guard let fd = Int32(name), let link = try? FileManager.default.destinationOfSymbolicLink(
                atPath: "/proc/self/fd/\(name)"), link == target else { continue }
            if posix_fadvise(fd, 0, 0, POSIX_FADV_RANDOM) == 0 { advised += 1 }
        }
        return advised
        #else
        return 0
        #endif
    }
}

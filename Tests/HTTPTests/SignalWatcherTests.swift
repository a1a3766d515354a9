import Foundation
import HTTP
import XCTest

/// SIGTERM reaches the handler instead of ending the process.
final class SignalWatcherTests: XCTestCase {
    func testTerminationSignalCallsTheHandler() {
        let received = DispatchSemaphore(value: 0)
        SignalWatcher.onTermination { received.signal() }
        kill(getpid(), SIGTERM)
        XCTAssertEqual(received.wait(timeout: .now() + 5), .success)
    }
}

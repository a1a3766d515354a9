import Foundation
import Hashing
import XCTest

/// PBKDF2-HMAC-SHA-256 against RFC 7914 §11 and the commonly published SHA-256 counterparts
/// of RFC 6070's PBKDF2-HMAC-SHA-1 inputs; every expected value was re-derived with Python's
/// `hashlib.pbkdf2_hmac("sha256", …)`.
final class PBKDF2Tests: XCTestCase {
    private func derive(_ password: String, _ salt: String, _ iterations: Int, _ length: Int) -> String {
        Hex.encode(PBKDF2.sha256(password: Array(password.utf8), salt: Array(salt.utf8),
                                 iterations: iterations, keyLength: length))
    }

    func testRFC7914VectorWithOneIteration() {
        XCTAssertEqual(derive("passwd", "salt", 1, 64),
                       "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
                       + "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783")
    }

    func testRFC7914VectorWith80000Iterations() {
        XCTAssertEqual(derive("Password", "NaCl", 80_000, 64),
                       "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"
                       + "a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d")
    }

    func testPasswordSaltVectorsForOneTwoAnd4096Iterations() {
        XCTAssertEqual(derive("password", "salt", 1, 32),
                       "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b")
        XCTAssertEqual(derive("password", "salt", 2, 32),
                       "ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43")
        XCTAssertEqual(derive("password", "salt", 4096, 32),
                       "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a")
    }

    func testLongPasswordAndSaltWithAKeyLongerThanOneBlock() {
        XCTAssertEqual(derive("passwordPASSWORDpassword", "saltSALTsaltSALTsaltSALTsaltSALTsalt", 4096, 40),
                       "348c89dbcbd32b2f32d814b8116e84cf2b17347ebc1800181c4e2a1fb8dd53e1c635518c7dac47e9")
    }

    func testPasswordAndSaltWithNulBytesAndATruncatedKey() {
        XCTAssertEqual(derive("pass\0word", "sa\0lt", 4096, 16), "89b69d0516f829893c696226650a8687")
    }

    func testOWASPIterationCountTimingIsPrintedNotAsserted() {
        // Speed is for benchmarks, not unit tests (STYLE.md §9): this only reports the figure.
        let start = Date()
        let key = PBKDF2.sha256(password: Array("mật khẩu".utf8), salt: Array(repeating: 7, count: 16),
                                iterations: 600_000, keyLength: 32)
        print("PBKDF2-HMAC-SHA256, 600000 iterations: \(Date().timeIntervalSince(start)) s")
        XCTAssertEqual(key.count, 32)
    }
}

import XCTest
@testable import App

/// Pins `EventLog.chainHash` to known values, so that a faster implementation can never
/// silently change the hashes of events already stored (`audit verify` would then fail).
///
/// The expected digests were computed independently (Python hashlib) over the documented
/// input: each field as `<UTF-8 byte count>:<bytes>`, in the order previous hash, seq,
/// dossier code, at, action, actor id, from status, to status, agency id, note.
final class EventLogHashTests: XCTestCase {
    func testFirstEventHashChainsFromTheGenesisHash() {
        let hash = EventLog.chainHash(seq: 1, previousHash: EventLog.genesisHash, dossierCode: "000.00.50.H55-260917-0001",
                                      at: "2026-09-17T07:30:00+07:00", action: "receive", actorID: 1, fromStatus: nil,
                                      toStatus: "received", agencyID: 2, note: nil)
        XCTAssertEqual(hash, "f7e05ab2df9c5b7a928105d0b7d590a24be16099e5ffdb39cc3b0eddd32718e3")
    }

    func testSecondEventHashCoversThePreviousHashAndFromStatus() {
        let hash = EventLog.chainHash(seq: 2, previousHash: "f7e05ab2df9c5b7a928105d0b7d590a24be16099e5ffdb39cc3b0eddd32718e3",
                                      dossierCode: "000.00.50.H55-260917-0001", at: "2026-09-17T07:30:00+07:00",
                                      action: "assign", actorID: 1, fromStatus: "received", toStatus: "in_progress",
                                      agencyID: 12, note: nil)
        XCTAssertEqual(hash, "8a85485d47d0f04f0bda7d31df8625f75138810c1225affed3ca169442d2eb41")
    }

    func testVietnameseNoteIsLengthPrefixedInUTF8BytesAndMissingActorIsEmpty() {
        let hash = EventLog.chainHash(seq: 1_234_567, previousHash: "8a85485d47d0f04f0bda7d31df8625f75138810c1225affed3ca169442d2eb41",
                                      dossierCode: "000.00.50.H55-260917-0001", at: "2026-10-18T19:37:30+07:00",
                                      action: "request_supplement", actorID: nil, fromStatus: "in_progress",
                                      toStatus: "supplement_requested", agencyID: 12,
                                      note: "Thiếu bản sao giấy tờ; bổ sung trong 5 ngày")
        XCTAssertEqual(hash, "a62966c6807fb4a1cf907f47fed62f4db819213529296e96094b7d4bd2cf7211")
    }
}

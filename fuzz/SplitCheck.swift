// Shared by both fuzz targets (fuzz/run.sh compiles it into each).

/// Parses the stream after the input's two control bytes whole, split in two at the point
/// byte 0 picks, and byte by byte, and stops the fuzzer if the three outcomes differ: the
/// parsers' contract is that any split gives the same result. Returns the outcome.
func checkSplits<Outcome: Equatable>(_ input: [UInt8], _ parse: ([ArraySlice<UInt8>]) -> Outcome) -> Outcome {
    let stream = input[2...]
    let whole = parse([stream])
    let cut = stream.startIndex + Int(input[0]) % (stream.count + 1)
    let halves = parse([stream[..<cut], stream[cut...]])
    let bytes = parse(stream.indices.map { stream[$0...$0] })
    if whole != halves || whole != bytes {
        fatalError("split changed the outcome:\nwhole \(whole)\nsplit at \(cut - 2) \(halves)\nbyte by byte \(bytes)")
    }
    return whole
}

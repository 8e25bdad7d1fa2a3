import HDL

/// Stage 2 of the RX parser: the verdict on the frame whose last beat is in
/// stage 2 (`decide`), from its header faults (held by `RxHeaderCheck`) and
/// its end (`RxFrameEndFacts`, `past_end`), registered for stage 3, where it
/// holds only for that beat (both outputs are 0 for every other beat, so a
/// decision there needs no gate of its own). `reject` has one bit per
/// `TTPDropReason` in that order (bit 0 = badFCS ... bit 6 = badOpcode), at
/// most one set: the first rule broken. A rule on bytes the frame lacks
/// passes, and `tooShort` catches the frame.
///
/// `accept` comes split as well, by what keeping the payload will depend on
/// in stage 3, so that decision there is one gate: `accept_with_room` (the
/// last beat is the header beat and there is a payload: it is kept if the
/// buffer has any room then) and `accept_if_stored` (the payload's room was
/// decided at an earlier header beat). A frame accepted in neither has no
/// payload to keep.
public final class RxVerdict: Module {
    public let faults = Input(RxHeaderFaults.width)
    public let frameEnd = Input(RxFrameEndFacts.width)
    public let pastEnd = Input(1)
    public let decide = Input(1)
    /// The beat deciding is the header beat; the frame has no payload.
    public let headerBeat = Input(1)
    public let noPayload = Input(1)
    public let reject = Output(RxVerdict.reasonCount)
    public let accept = Output(1)
    public let acceptWithRoom = Output(1)
    public let acceptIfStored = Output(1)

    let rejected = Reg(RxVerdict.reasonCount, init: 0)
    let accepted = Reg(1, init: 0)
    let acceptedWithRoom = Reg(1, init: 0)
    let acceptedIfStored = Reg(1, init: 0)

    /// badFCS, wrongEtherType, wrongDestination, tooShort, badHeaderLength, badLength, badOpcode.
    public static let reasonCount = 7

    public init() {}

    public var moduleName: String { "ttp_rx_verdict" }

    public var body: Logic {
        let header = Packed<RxHeaderFaults>(faults), frame = Packed<RxFrameEndFacts>(frameEnd)
        let broken: [Bits] = [
            frame.fcsBad,
            (header.etherType && frame.holdsEtherType).named("wrong_ether_type"),
            (header.destination && frame.holdsDestination).named("wrong_destination"),
            (!frame.holdsHeader).named("too_short"),
            header.headerLength,
            (header.length || pastEnd).named("bad_length"),
            header.opcode,
        ]
        // Bit i is set when rule i breaks and no earlier one does.
        rejected <== cat(broken.indices.reversed().map { i in
            decide && broken[i] && !cat(Array(broken[..<i]) + [lit(0, 1)]).orReduce()
        })
        let passes = (decide && !cat(broken).orReduce()).named("passes")
        accepted <== passes
        acceptedWithRoom <== passes && headerBeat && !noPayload
        acceptedIfStored <== passes && !headerBeat
        reject <== rejected
        accept <== accepted
        acceptWithRoom <== acceptedWithRoom
        acceptIfStored <== acceptedIfStored
    }
}

/// The frame a link sends in answer to an input, without its addresses:
/// opcode and the two IDs (WIRE-FORMAT.md, "Opcodes and what the IDs mean").
public struct TTPLinkResponse: Hashable, Sendable, CustomStringConvertible {
    public var opcode: TTPOpcode
    public var txID: UInt32
    public var rxID: UInt32

    public init(_ opcode: TTPOpcode, txID: UInt32, rxID: UInt32) {
        self.opcode = opcode
        self.txID = txID
        self.rxID = rxID
    }

    /// The same form as `TTPFrame.description`, e.g. `OPEN_ACK tx=5 rx=5`.
    public var description: String { "\(opcode.mnemonic) tx=\(txID) rx=\(rxID)" }
}

/// What one input (a received frame or a host command) does to one link.
public struct TTPLinkStep: Hashable, Sendable, CustomStringConvertible {
    /// The frame sent back, if any.
    public var response: TTPLinkResponse?
    /// The event raised to the host, if any.
    public var event: TTPLinkEventKind?
    /// The PAYLOAD's bytes go to the host (`host_rx_*`).
    public var deliver: Bool
    /// The link did not exist and now does: it took a table slot.
    public var allocated: Bool
    /// The link existed and now does not: its slot is free at once.
    public var freed: Bool

    public init(_ response: TTPLinkResponse? = nil, event: TTPLinkEventKind? = nil, deliver: Bool = false,
                allocated: Bool = false, freed: Bool = false) {
        self.response = response
        self.event = event
        self.deliver = deliver
        self.allocated = allocated
        self.freed = freed
    }

    /// No response, no event, nothing delivered, no slot taken or freed.
    public static let nothing = TTPLinkStep()

    public var description: String {
        var parts = [response.map { "\($0)" } ?? "no response"]
        if let event { parts.append("event \(event)") }
        if deliver { parts.append("deliver") }
        if allocated { parts.append("allocated") }
        if freed { parts.append("freed") }
        return parts.joined(separator: ", ")
    }
}

/// The reference model of one TTP link (peer MAC, vc), written from the TTPoE
/// spec rev 2.0 (sections 3 to 5, the per-opcode state tables) and
/// `/work/shared/reference/WIRE-FORMAT.md`, which fixes the ID fields the spec
/// leaves "N/A". It shares no code with `Sources/TTPHardware`: it is the
/// oracle the hardware is tested against.
///
/// A value in `closed` stands for a link that does not exist. Each input
/// returns a `TTPLinkStep`; when it frees the link the value goes back to
/// `closed` with zero IDs. IDs compare as serial numbers
/// (`TTPSequence.isYounger`). Not modelled yet: replay memory and timers
/// (ACK, NACK, NACK_FULL and CLOSE_NACK change nothing), and the spec's
/// NACK_NOLINK for PAYLOADs past the closing ID (5.1, CLOSE_SENT/CLOSE_RECD).
public struct TTPLinkModel: Hashable, Sendable, CustomStringConvertible {
    public private(set) var state: TTPLinkState = .closed
    /// The last TxID we used: our OPEN's ID, or the start ID we announced in
    /// OPEN_ACK. Our next PAYLOAD would be `lastTx + 1` (WIRE-FORMAT, OPEN / OPEN_ACK rows).
    public private(set) var lastTx: UInt32 = 0
    /// The last RxID accepted in order from the peer: its OPEN's or OPEN_ACK's
    /// TxID, then its PAYLOADs' (WIRE-FORMAT receiver rules, `r`).
    public private(set) var lastRx: UInt32 = 0
    /// A NACK for `lastRx + 1` is outstanding: younger PAYLOADs get no answer
    /// until that one arrives (spec 5.3 assumption 2).
    public private(set) var nackMarked = false
    /// The TxID of our own OPENs (WIRE-FORMAT: "ID of this OPEN").
    public let cfgOpenID: UInt32

    /// A link that does not exist yet.
    public init(cfgOpenID: UInt32 = 1) {
        self.cfgOpenID = cfgOpenID
    }

    /// A link already in `state`, for tests that start mid-conversation.
    public init(state: TTPLinkState, lastTx: UInt32, lastRx: UInt32, nackMarked: Bool = false, cfgOpenID: UInt32 = 1) {
        self.state = state
        self.lastTx = lastTx
        self.lastRx = lastRx
        self.nackMarked = nackMarked
        self.cfgOpenID = cfgOpenID
    }

    /// Whether the link exists (holds a table slot).
    public var exists: Bool { state != .closed }

    public var description: String {
        "\(state) lastTx=\(lastTx) lastRx=\(lastRx)\(nackMarked ? " nackMarked" : "")"
    }

    // MARK: - Received frames

    /// The link's answer to a received frame with opcode `opcode`, TxID `t`
    /// and RxID `c`. `stored`: the PAYLOAD's bytes found room (false when the
    /// frame arrived with "no room"; a 0-byte payload counts as stored).
    /// `slotFree`: the table has a slot for a new link (matters only when
    /// the link does not exist).
    public mutating func receive(
        _ opcode: TTPOpcode, txID t: UInt32, rxID c: UInt32, stored: Bool = true, slotFree: Bool = true
    ) -> TTPLinkStep {
        switch opcode {
        case .open: return receiveOpen(t, slotFree: slotFree)
        case .openAck: return receiveOpenAck(t)
        case .openNack: return receiveOpenNack()
        case .close: return receiveClose(t, c)
        case .closeAck: return receiveCloseAck()
        case .closeNack: return .nothing  // 4.3: stops CLOSE replays (no timers yet); state unchanged
        case .payload: return receivePayload(t, stored: stored)
        case .ack, .nack, .nackFull: return .nothing  // 5.2-5.4: they free or replay sent PAYLOADs; none sent yet
        case .nackNoLink: return receiveNackNoLink()
        }
    }

    /// Spec 3.1, RX rows. Assumption 1: every OPEN gets an answer.
    private mutating func receiveOpen(_ t: UInt32, slotFree: Bool) -> TTPLinkStep {
        switch state {
        case .closed:
            // 3.1 RX CLOSED, "no available ways": OPEN_NACK, stay CLOSED (RxID = the OPEN's TxID, WIRE-FORMAT).
            guard slotFree else { return TTPLinkStep(TTPLinkResponse(.openNack, txID: 0, rxID: t)) }
            // 3.1 RX CLOSED -> OPEN_RECD with OPEN_ACK, then 3.1 TX OPEN_RECD -> OPEN once it is sent:
            // one step here. Assumption 2: each side announces its own start ID; a peer-opened link
            // starts ours at the OPEN's TxID, and OPEN_ACK carries it (WIRE-FORMAT OPEN_ACK row).
            self = TTPLinkModel(state: .open, lastTx: t, lastRx: t, cfgOpenID: cfgOpenID)
            return TTPLinkStep(TTPLinkResponse(.openAck, txID: t, rxID: t), event: .opened, allocated: true)
        case .openSent:
            // 3.1 assumption 4, "passing ships": both OPENs crossed; no shortcut to OPEN, wait for
            // the OPEN_ACK of our own OPEN in OPEN_RECD. We have taken the peer's start ID.
            state = .openRecd
            lastRx = t
            return TTPLinkStep(TTPLinkResponse(.openAck, txID: lastTx, rxID: t))
        case .openRecd, .open, .closeSent, .closeRecd:
            // 3.1 RX: "Always respond, timeouts or lost TTP_OPEN_ACK"; state unchanged.
            return TTPLinkStep(TTPLinkResponse(.openAck, txID: lastTx, rxID: t))
        }
    }

    /// Spec 3.2, RX rows: OPEN_ACK opens a link that sent OPEN.
    private mutating func receiveOpenAck(_ t: UInt32) -> TTPLinkStep {
        switch state {
        case .openSent, .openRecd:
            // 3.2 RX OPEN_SENT / OPEN_RECD -> OPEN; its TxID is the peer's start ID (WIRE-FORMAT).
            state = .open
            lastRx = t
            return TTPLinkStep(event: .opened)
        case .closed, .open, .closeSent, .closeRecd:
            return .nothing  // 3.2 RX: "Illegal?" / "timeout or lost TTP_OPEN": N/A
        }
    }

    /// Spec 3.3, RX rows: OPEN_NACK refuses our OPEN.
    private mutating func receiveOpenNack() -> TTPLinkStep {
        guard state == .openSent else { return .nothing }  // 3.3: "Illegal*" elsewhere
        free()  // 3.3 RX OPEN_SENT -> CLOSED
        return TTPLinkStep(event: .openRefused, freed: true)
    }

    /// Spec 4.1, RX rows, with the ID rules of WIRE-FORMAT ("A receiver in OPEN
    /// answering a CLOSE"). `c` is the last of our IDs the peer says it took,
    /// compared with `lastTx`. Assumption 5: every CLOSE gets an answer.
    private mutating func receiveClose(_ t: UInt32, _ c: UInt32) -> TTPLinkStep {
        let ack = TTPLinkResponse(.closeAck, txID: 0, rxID: t)  // 4.2: TxID N/A, RxID = the CLOSE's TxID
        let nack = TTPLinkResponse(.closeNack, txID: lastTx, rxID: t)  // WIRE-FORMAT: TxID = our last ID
        switch state {
        case .closed:
            return TTPLinkStep(ack)  // WIRE-FORMAT: a late replay of an earlier connection's CLOSE; no change
        case .openSent:
            free()  // 4.1 RX OPEN_SENT -> CLOSED (rev 1.4): our OPEN is refused
            return TTPLinkStep(ack, event: .openRefused, freed: true)
        case .openRecd:
            return TTPLinkStep(ack)  // 4.1 RX OPEN_RECD -> OPEN_RECD
        case .open:
            guard c == lastTx else {
                // 4.1 RX OPEN -> CLOSE_RECD: our PAYLOADs are still in flight.
                state = .closeRecd
                return TTPLinkStep(nack)
            }
            free()  // WIRE-FORMAT: the peer has everything we sent; closed
            return TTPLinkStep(ack, event: .closed, freed: true)
        case .closeSent:
            // 4.1 assumption 3: both sent CLOSE; shortcut to CLOSED if the IDs are off by 0 or 1
            // (the +1 is the peer counting our CLOSE).
            guard c == lastTx || c == lastTx &+ 1 else { return TTPLinkStep(nack) }
            free()
            return TTPLinkStep(ack, event: .closed, freed: true)
        case .closeRecd:
            // 4.1 RX CLOSE_RECD: CLOSE_ACK once the outstanding PAYLOADs are acknowledged.
            guard c == lastTx else { return TTPLinkStep(nack) }
            free()
            return TTPLinkStep(ack, event: .closed, freed: true)
        }
    }

    /// Spec 4.2: "TTP_CLOSE_ACK can finalize CLOSE from any closing state".
    private mutating func receiveCloseAck() -> TTPLinkStep {
        guard state == .closeSent || state == .closeRecd else { return .nothing }  // 4.2: N/A elsewhere
        free()
        return TTPLinkStep(event: .closed, freed: true)
    }

    /// Spec 5.1, RX rows, with WIRE-FORMAT's receiver rules; `t` is the PAYLOAD's TxID.
    private mutating func receivePayload(_ t: UInt32, stored: Bool) -> TTPLinkStep {
        switch state {
        case .closed, .openSent, .openRecd:
            // 5.1 RX: "Lost TTP_PAYLOAD"; 5.5 assumption 2: NACK_NOLINK answers every PAYLOAD without a link.
            return TTPLinkStep(TTPLinkResponse(.nackNoLink, txID: 0, rxID: t))
        case .open, .closeSent, .closeRecd:
            break
        }
        if !TTPSequence.isYounger(t, than: lastRx) {
            // WIRE-FORMAT "older than or equal to r", 5.2 assumption 2: ACK the replay again, deliver nothing.
            return TTPLinkStep(TTPLinkResponse(.ack, txID: 0, rxID: t))
        }
        if t == lastRx &+ 1 {
            // WIRE-FORMAT "no room to take it", 5.4: NACK_FULL, deliver nothing.
            guard stored else { return TTPLinkStep(TTPLinkResponse(.nackFull, txID: 0, rxID: t)) }
            // WIRE-FORMAT "t == r + 1": accept, deliver, ACK; 5.3 assumption 2: a NACK is resolved.
            lastRx = t
            nackMarked = false
            return TTPLinkStep(TTPLinkResponse(.ack, txID: 0, rxID: t), deliver: true)
        }
        // WIRE-FORMAT "a gap": NACK with RxID r + 1 once, then (5.3 assumption 2) ignore younger
        // PAYLOADs on the link until r + 1 arrives.
        guard !nackMarked else { return .nothing }
        nackMarked = true
        return TTPLinkStep(TTPLinkResponse(.nack, txID: 0, rxID: lastRx &+ 1))
    }

    /// Spec 5.5, RX rows: "Link down, throw interrupt" in OPEN and the closing states.
    private mutating func receiveNackNoLink() -> TTPLinkStep {
        switch state {
        case .open, .closeSent, .closeRecd:
            free()
            return TTPLinkStep(event: .linkFailed, freed: true)
        case .closed, .openSent, .openRecd:
            return .nothing  // 5.5 RX: "Lost TTP_PAYLOAD/TTP_REQ"
        }
    }

    // MARK: - Host commands

    /// The link's answer to a host command (`cmd_op`, ENDPOINT.md).
    /// `slotFree`: the table has a slot for a new link.
    public mutating func command(_ command: TTPLinkCommand, slotFree: Bool = true) -> TTPLinkStep {
        switch command {
        case .open: return commandOpen(slotFree: slotFree)
        case .close: return commandClose()
        }
    }

    /// Spec 3.1, TX rows.
    private mutating func commandOpen(slotFree: Bool) -> TTPLinkStep {
        switch state {
        case .closed:
            guard slotFree else { return TTPLinkStep(event: .openRefused) }  // no way for the link
            // 3.1 TX CLOSED -> OPEN_SENT; WIRE-FORMAT: OPEN's TxID is our start ID, RxID 0.
            self = TTPLinkModel(state: .openSent, lastTx: cfgOpenID, lastRx: 0, cfgOpenID: cfgOpenID)
            return TTPLinkStep(TTPLinkResponse(.open, txID: cfgOpenID, rxID: 0), allocated: true)
        case .openSent:
            return TTPLinkStep(TTPLinkResponse(.open, txID: lastTx, rxID: 0))  // 3.1 TX "Timeout, replay"
        case .open:
            return TTPLinkStep(event: .opened)  // already open: say so
        case .openRecd:
            return .nothing  // 3.1 TX OPEN_RECD: N/A, the open is under way
        case .closeSent, .closeRecd:
            return TTPLinkStep(event: .openRefused)  // 3.1 TX: "illegal" while closing
        }
    }

    /// Spec 4.1, TX rows.
    private mutating func commandClose() -> TTPLinkStep {
        // WIRE-FORMAT CLOSE row: TxID = last sent ID + 1, RxID = last ID accepted (speculative, 4.1 assumption 1).
        let close = TTPLinkResponse(.close, txID: lastTx &+ 1, rxID: lastRx)
        switch state {
        case .closed:
            return TTPLinkStep(event: .closed)  // 4.1 TX CLOSED -> CLOSED: already closed
        case .open:
            state = .closeSent  // 4.1 TX OPEN -> CLOSE_SENT
            return TTPLinkStep(close)
        case .closeSent:
            return TTPLinkStep(close)  // 4.1 TX CLOSE_SENT: "Timeout, replay"
        case .openSent, .openRecd, .closeRecd:
            return .nothing  // 4.1 TX: "Illegal" / unchanged
        }
    }

    /// The link ceases to exist (CLOSED, no TIME_WAIT).
    private mutating func free() {
        self = TTPLinkModel(cfgOpenID: cfgOpenID)
    }
}

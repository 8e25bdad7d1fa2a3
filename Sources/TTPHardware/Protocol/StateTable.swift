/// The link state machine as a table, one row per (state, event, condition),
/// to be read beside the spec's per-opcode tables (sections 3 to 5) and the
/// ID rules of WIRE-FORMAT.md. `LinkDecision` turns it into logic, one term
/// per row, each commented with `LinkRow.summary`.
///
/// Hardware answers at once, so where the spec lists a state the endpoint
/// passes through on its way to sending a response (CLOSED -> OPEN_RECD on
/// a received OPEN, then OPEN_RECD -> OPEN as its OPEN_ACK goes out), the
/// row goes straight to the state after the response. A link whose next
/// state is CLOSED is freed on the same pass (immediate close, no
/// TIME_WAIT); in state CLOSED a row whose next state is not CLOSED makes
/// a new link. "t" is the event's TxID, "r" the last in-order RxID, "c" the
/// event's RxID. IDs compare as 32-bit serial numbers.
///
/// Choices where the spec is silent, kept here so they are reviewed with
/// the rows: a repeated OPEN on a live link is answered with our last
/// TxID (the peer, already past OPEN, ignores it: 3.2 RX); a CLOSE that
/// ends an OPEN_SENT reports "open refused" (the host's open failed); an
/// open command on an OPEN link reports "opened" again, on a closing link
/// "open refused"; a close command on no link reports "closed"; commands
/// the spec calls illegal (close while opening) change nothing. A close
/// command on an OPEN link sends CLOSE only once everything sent on it is
/// acknowledged (ENDPOINT.md's close, issue 10): the replay lists are told
/// (`closeWanted`), refuse the link's new payloads, and when its list is
/// empty give the close back "drained", which sends CLOSE; a drained close
/// that finds the link gone meanwhile does nothing.
public enum StateTable {
    public static let rows: [LinkRow] = opening + closing + payloads + acknowledgements + commands + sending

    static let linked: [LinkState] = [.openSent, .openRecd, .open, .closeSent, .closeRecd]
    /// States where PAYLOADs are taken (WIRE-FORMAT: OPEN, CLOSE_SENT, CLOSE_RECD).
    static let established = LinkState.allCases.filter(\.takesPayloads)

    // MARK: 3. Opening a link

    static let opening: [LinkRow] = [
        row(.closed, .open, when: [.canAllocate: true], answer: reply(.openAck, .eventTx, .eventTx), next: .open,
            lastRx: .eventTx, lastTx: .eventTx, report: .opened,
            "3.1 RX CLOSED -> OPEN_RECD + 3.2 TX OPEN_ACK -> OPEN"),
        row(.closed, .open, when: [.canAllocate: false], answer: reply(.openNack, .zero, .eventTx),
            "3.1 RX CLOSED: no available ways"),
        row(.openSent, .open, answer: reply(.openAck, .lastTx, .eventTx), next: .openRecd, lastRx: .eventTx,
            "3.1 RX OPEN_SENT, passing ships: no shortcut to OPEN (assumption 4)"),
    ] + [LinkState.openRecd, .open, .closeSent, .closeRecd].map { state in
        row(state, .open, answer: reply(.openAck, .lastTx, .eventTx), "3.1 RX: always respond (lost OPEN_ACK)")
    } + [
        row(.openSent, .openAck, next: .open, lastRx: .eventTx, report: .opened, replay: .opened,
            "3.2 RX OPEN_SENT -> OPEN: held payloads go out"),
        row(.openRecd, .openAck, next: .open, lastRx: .eventTx, report: .opened, replay: .opened,
            "3.2 RX OPEN_RECD -> OPEN (passing ships complete)"),
    ] + ignored([.closed, .open, .closeSent, .closeRecd], .openAck, "3.2 RX: timeout or lost OPEN")
      + [row(.openSent, .openNack, next: .closed, report: .openRefused, "3.3 RX OPEN_SENT -> CLOSED")]
      + ignored([.closed, .openRecd, .open, .closeSent, .closeRecd], .openNack, "3.3 RX: illegal")

    // MARK: 4. Closing a link

    static let closing: [LinkRow] = [
        row(.closed, .close, answer: reply(.closeAck, .zero, .eventTx),
            "4.1 RX CLOSED: always respond (CLOSE of a prior connection)"),
        row(.openSent, .close, answer: reply(.closeAck, .zero, .eventTx), next: .closed, report: .openRefused,
            "4.1 RX OPEN_SENT -> CLOSED"),
        row(.openRecd, .close, answer: reply(.closeAck, .zero, .eventTx), "4.1 RX OPEN_RECD: unchanged"),
        row(.open, .close, when: [.closeMatch: true], answer: reply(.closeAck, .zero, .eventTx), next: .closed, report: .closed,
            "4.1 RX OPEN + 4.2 TX CLOSE_ACK -> CLOSED: the peer has all we sent"),
        row(.open, .close, when: [.closeMatch: false], answer: reply(.closeNack, .lastTx, .eventTx), next: .closeRecd,
            "4.1 RX OPEN -> CLOSE_RECD: ours still in flight"),
        row(.closeSent, .close, when: [.closeMatchLoose: true], answer: reply(.closeAck, .zero, .eventTx), next: .closed,
            report: .closed, "4.1 RX CLOSE_SENT -> CLOSED: IDs off by 0 or 1 (assumption 3)"),
        row(.closeSent, .close, when: [.closeMatchLoose: false], answer: reply(.closeNack, .lastTx, .eventTx),
            "4.1 RX CLOSE_SENT: CLOSE_NACK"),
        row(.closeRecd, .close, when: [.closeMatch: true], answer: reply(.closeAck, .zero, .eventTx), next: .closed,
            report: .closed, "4.1 RX CLOSE_RECD + 4.2 TX CLOSE_ACK -> CLOSED"),
        row(.closeRecd, .close, when: [.closeMatch: false], answer: reply(.closeNack, .lastTx, .eventTx),
            "4.1 RX CLOSE_RECD: CLOSE_NACK"),
        row(.closeSent, .closeAck, next: .closed, report: .closed, "4.2 RX CLOSE_SENT -> CLOSED"),
        row(.closeRecd, .closeAck, next: .closed, report: .closed, "4.2 RX CLOSE_RECD -> CLOSED"),
    ] + ignored([.closed, .openSent, .openRecd, .open], .closeAck, "4.2 RX: timeout or lost CLOSE")
      + ignored(LinkState.allCases, .closeNack,
                "4.3 RX: CLOSE_SENT stays, no CLOSE replay until the peer's last ID (assumption 4)")

    // MARK: 5. Data movement

    static let payloads: [LinkRow] = [LinkState.closed, .openSent, .openRecd].map { state in
        row(state, .payload, answer: reply(.nackNoLink, .zero, .eventTx), "5.1 RX: lost PAYLOAD, no link")
    } + established.flatMap { state in [
        row(state, .payload, when: [.replay: true], answer: reply(.ack, .zero, .eventTx),
            "5.2 assumption 2: ACK a replay again, deliver nothing"),
        row(state, .payload, when: [.inOrder: true, .stored: true], answer: reply(.ack, .zero, .eventTx), lastRx: .eventTx,
            nack: .clear, deliver: true, "5.1 RX: in order, deliver and ACK"),
        row(state, .payload, when: [.inOrder: true, .stored: false], answer: reply(.nackFull, .zero, .eventTx),
            "5.4: no room, NACK_FULL"),
        row(state, .payload, when: [.replay: false, .inOrder: false, .nackMarked: false],
            answer: reply(.nack, .zero, .lastRxPlus1), nack: .set, "5.3: gap, NACK r+1"),
        row(state, .payload, when: [.replay: false, .inOrder: false, .nackMarked: true],
            "5.3 assumption 2: ignore younger PAYLOADs until r+1"),
    ] }

    static let acknowledgements: [LinkRow] =
        [(LinkEvent.ack, ReplayCommandKind.ack, "5.2 RX: retire up to RxID"),
         (.nack, .nack, "5.3 RX: retire before RxID, resend from it"),
         (.nackFull, .nackFull, "5.4 RX: retire before RxID, back off, resend from it")].flatMap { event, kind, section in
            established.map { row($0, event, replay: kind, section) }
                + ignored([.closed, .openSent, .openRecd], event, "\(section.prefix(6)): nothing sent yet")
        }
        + established.map { state in
            row(state, .nackNoLink, next: .closed, report: .linkFailed, "5.5 RX: link down")
        }
        + ignored([.closed, .openSent, .openRecd], .nackNoLink, "5.5 RX: lost PAYLOAD")

    // MARK: Local commands (the TX columns)

    static let commands: [LinkRow] = [
        row(.closed, .localOpen, when: [.canAllocate: true], answer: reply(.open, .openID, .zero), next: .openSent,
            lastRx: .eventTx, lastTx: .openID, "3.1 TX CLOSED -> OPEN_SENT (a command's t is 0)"),
        row(.closed, .localOpen, when: [.canAllocate: false], report: .openRefused, "no available ways"),
        row(.openSent, .localOpen, answer: reply(.open, .lastTx, .zero), "3.1 TX OPEN_SENT: replay"),
        row(.openRecd, .localOpen, "3.1 TX OPEN_RECD: waiting for OPEN_ACK"),
        row(.open, .localOpen, report: .opened, "already open"),
        row(.closeSent, .localOpen, report: .openRefused, "3.1 TX: illegal while closing"),
        row(.closeRecd, .localOpen, report: .openRefused, "3.1 TX: illegal while closing"),
        row(.closed, .localClose, when: [.drained: false], report: .closed, "4.1 TX CLOSED: already closed"),
        row(.closed, .localClose, when: [.drained: true], "the link closed while its list drained"),
        row(.openSent, .localClose, "4.1 TX: illegal"),
        row(.openRecd, .localClose, "4.1 TX: illegal"),
        row(.open, .localClose, when: [.drained: false], replay: .closeWanted,
            "4.1 TX OPEN: CLOSE once all we sent is acknowledged"),
        row(.open, .localClose, when: [.drained: true], answer: reply(.close, .lastTxPlus1, .lastRx), next: .closeSent,
            "4.1 TX OPEN -> CLOSE_SENT (nothing unacknowledged)"),
        row(.closeSent, .localClose, answer: reply(.close, .lastTxPlus1, .lastRx), "4.1 TX CLOSE_SENT: replay"),
        row(.closeRecd, .localClose, "4.1 TX CLOSE_RECD: waiting for ours to be acknowledged"),
    ]

    // MARK: Sending (the replay lists' side of 5.1)

    /// A host payload opens its link if need be (its OPEN carries our open
    /// ID, the payload will be open ID + 1) and joins the link's list; the
    /// replay lists number it and send it (`send`) once the link is open.
    /// A link that is closing takes no new payload (WIRE-FORMAT: CLOSE
    /// carries the last ID sent), nor one for which no way is free.
    static let sending: [LinkRow] = [
        row(.closed, .hostPayload, when: [.canAllocate: true], answer: reply(.open, .openID, .zero), next: .openSent,
            lastRx: .eventTx, lastTx: .openID, replay: .append, "3.1 TX CLOSED -> OPEN_SENT: opened by use (ENDPOINT.md)"),
        row(.closed, .hostPayload, when: [.canAllocate: false], report: .openRefused, replay: .refuse,
            "no available ways: the payload is refused"),
    ] + [LinkState.openSent, .openRecd, .open].map { state in
        row(state, .hostPayload, replay: .append, "5.1 TX: held until the link is open, then sent in order")
    } + [LinkState.closeSent, .closeRecd].map { state in
        row(state, .hostPayload, replay: .refuse, "4.1: closing, no new PAYLOAD")
    } + established.flatMap { state in [
        row(state, .send, when: [.fresh: true], answer: reply(.payload, .eventTx, .zero), lastTx: .eventTx,
            "5.1 TX PAYLOAD: a new ID is our last TxID"),
        row(state, .send, when: [.fresh: false], answer: reply(.payload, .eventTx, .zero),
            "5.3 TX: replay of a PAYLOAD already sent"),
    ] } + ignored([.closed, .openSent, .openRecd], .send, "5.1 TX: the link closed or reopened meanwhile")

    // MARK: Row builders

    static func row(_ state: LinkState, _ event: LinkEvent, when condition: [LinkFlag: Bool] = [:],
                    answer response: LinkResponse? = nil, next: LinkState? = nil, lastRx: RxUpdate = .keep,
                    lastTx: TxUpdate = .keep, nack: NackUpdate = .keep, report: LinkEventKind? = nil,
                    deliver: Bool = false, replay: ReplayCommandKind? = nil, _ section: String) -> LinkRow {
        let next = next ?? state
        let frees = state != .closed && next == .closed
        return LinkRow(state: state, event: event, condition: condition, response: response, next: next,
                       lastRx: lastRx, lastTx: lastTx, nack: nack, report: report, deliver: deliver,
                       replay: frees ? .flush : replay, section: section)
    }

    static func ignored(_ states: [LinkState], _ event: LinkEvent, _ section: String) -> [LinkRow] {
        states.map { row($0, event, section) }
    }

    static func reply(_ opcode: LinkEvent, _ tx: IDSource, _ rx: IDSource) -> LinkResponse {
        LinkResponse(opcode: opcode, tx: tx, rx: rx)
    }
}

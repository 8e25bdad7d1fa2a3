import HDL

/// A packed record of link state, first field in the most significant bits.
public struct LinkContext: PackedStruct {
    public var state = Field(2)
    public var sequence = Field(8)
    public var credits = Field(6)
    public init() {}
}

/// A packed-struct example: a register holding a `LinkContext`. `open` loads a
/// fresh context; `send` spends a credit and advances the sequence number;
/// `grant` adds credits. Fields are read and replaced by name.
public final class LinkContextUpdate: Module {
    public enum LinkState: HardwareEnum { case closed, open, draining }

    public let open = Input(1)
    public let send = Input(1)
    public let grant = Input(1)
    public let grantCredits = Input(6)
    public let canSend = Output(1)
    public let seqNumber = Output(8)
    /// The whole record, for a context memory.
    public let record = Output(LinkContext.width)
    let current = Reg(LinkContext.width, init: 0)

    public init() {}

    public var body: Logic {
        let ctx = Packed<LinkContext>(current)
        let isOpen = ctx.state == LinkState.open.bits
        let hasCredit = ctx.credits != 0
        When(open) {
            current <== Packed<LinkContext>.pack {
                $0.state = LinkState.open.bits
                $0.credits = lit(4, 6)
            }
        }.elseWhen(send && isOpen && hasCredit) {
            current <== ctx.with(\.sequence, ctx.sequence + 1).with(\.credits, ctx.credits - 1)
        }.elseWhen(grant && isOpen) {
            current <== ctx.with(\.credits, ctx.credits + grantCredits)
        }
        canSend <== isOpen && hasCredit
        seqNumber <== ctx.sequence
        record <== current
    }
}

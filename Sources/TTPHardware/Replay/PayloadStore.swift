import HDL

/// `ttp_payload_store`: the replay memory's words: each slot's payload,
/// beat b of slot s at address {s, b}, byte 0 in the low byte lane as on
/// the host bus. The keep is not stored: the payload's length, which
/// travels with the slot's number (the ingest's record, the engine's
/// request), says which bytes of the last beat count. Written by
/// `HostTxIngest`, read by `PayloadSender` when a slot's frame is (re)sent.
///
/// The store is large (2 Mbit by default: 128 of an ECP5-85's 208 block
/// RAMs) and so spread over the whole chip, where one flop cannot reach
/// every RAM in a clock (measured: 8 to 9 ns from the read address flop to
/// the far RAMs, and as long from their data to the reader). So the words
/// are cut into `banks` banks of bits, each a `BlockRam` with its own
/// write register (`registeredWrite`), its own copy of the read address and
/// its own register on the data read: each register sits by its bank,
/// and between banks and users there are only wires. The store reads every
/// cycle (no read enable to fan out); a read's word is on `read_data`
/// `readLatency` cycles after its address.
public final class PayloadStore: Module {
    public let writeEnable = Input(1)
    public let writeSlot: Input
    public let writeBeat: Input
    public let writeData: Input

    public let readSlot: Input
    public let readBeat: Input
    /// The word at {`read_slot`, `read_beat`} of `readLatency` cycles ago.
    public let readData: Output

    let storage: [BlockRam]
    /// Per bank: the read address, and the word it read.
    let readAddress: [Reg]
    let bankData: [Reg]
    public let geometry: ReplayGeometry

    /// Banks of the words' bits: each a sixteenth of the default store's
    /// RAMs (8 bits at DW 64, 64 at DW 512).
    public static let banks = 8
    /// The address register, the RAM, the data register.
    public static let readLatency = BlockRam.readLatency + 2

    public init(_ parameters: EndpointParameters) {
        let g = ReplayGeometry(parameters)
        geometry = g
        let width = parameters.dataWidth
        writeSlot = Input(g.slotBits)
        writeBeat = Input(max(1, g.beatBits))
        writeData = Input(width)
        readSlot = Input(g.slotBits)
        readBeat = Input(max(1, g.beatBits))
        readData = Output(width)
        let bankWidth = width / Self.banks
        storage = (0..<Self.banks).map { _ in
            BlockRam(width: bankWidth, depth: g.words, technology: parameters.ram, registeredWrite: true)
        }
        readAddress = (0..<Self.banks).map { _ in Reg(g.addressBits).kept() }
        bankData = (0..<Self.banks).map { _ in Reg(bankWidth) }
    }

    public var moduleName: String { "ttp_payload_store" }

    public var body: Logic {
        let bankWidth = writeData.width / Self.banks
        let written = address(writeSlot, writeBeat), read = address(readSlot, readBeat)
        for (bank, ram) in storage.enumerated() {
            let bits = (bank * bankWidth, (bank + 1) * bankWidth - 1)
            ram.writeEnable <== writeEnable
            ram.writeAddress <== written
            ram.writeData <== writeData.bits(bits.1, bits.0)
            readAddress[bank] <== read
            ram.readEnable <== 1
            ram.readAddress <== readAddress[bank]
            bankData[bank] <== ram.readData
        }
        readData <== cat(bankData.reversed())
    }

    /// {slot, beat}; a slot of one beat is addressed by the slot alone (its
    /// beat port, one bit wide, is then unused).
    private func address(_ slot: Input, _ beat: Input) -> Bits {
        geometry.beatBits == 0 ? slot.bits : cat(slot, beat)
    }
}

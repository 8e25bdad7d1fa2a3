/// The AXI4-Stream ports `<prefix>_tdata/tkeep/tvalid/tready/tlast/tuser`
/// of a design, resolved once. `tdata`, `tvalid` and `tready` are required;
/// without `tkeep` every byte of a beat is valid, without `tlast` every beat
/// is a frame, without `tuser` frames carry user 0.
struct StreamPorts {
    let tdata: PortHandle
    let tvalid: PortHandle
    let tready: PortHandle
    let tkeep: PortHandle?
    let tlast: PortHandle?
    let tuser: PortHandle?
    /// Bytes per beat: `tdata`'s width over 8.
    let bytesPerBeat: Int

    init(_ sim: Simulator, prefix: String) {
        let names = Set(sim.ports.map(\.name))
        func optional(_ suffix: String) -> PortHandle? {
            names.contains("\(prefix)_\(suffix)") ? sim.port("\(prefix)_\(suffix)") : nil
        }
        tdata = sim.port("\(prefix)_tdata")
        tvalid = sim.port("\(prefix)_tvalid")
        tready = sim.port("\(prefix)_tready")
        tkeep = optional("tkeep")
        tlast = optional("tlast")
        tuser = optional("tuser")
        precondition(tdata.width % 8 == 0, "\(prefix)_tdata is \(tdata.width) bits: a stream carries whole bytes")
        bytesPerBeat = tdata.width / 8
        if let tkeep {
            precondition(tkeep.width == bytesPerBeat, "\(prefix)_tkeep needs one bit per tdata byte")
        }
    }
}

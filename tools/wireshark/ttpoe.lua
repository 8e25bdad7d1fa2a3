-- ttpoe.lua: Wireshark dissector for TTPoE (Tesla Transport Protocol over Ethernet),
-- raw Ethernet mode, byte layout as in WIRE-FORMAT.md (TTP specification rev 2.0).
--
-- Use it once:
--   wireshark -X lua_script:tools/wireshark/ttpoe.lua capture.pcap
--   tshark    -X lua_script:tools/wireshark/ttpoe.lua -r capture.pcap -V
-- Or install it for your user:
--   mkdir -p ~/.local/lib/wireshark/plugins && cp tools/wireshark/ttpoe.lua ~/.local/lib/wireshark/plugins/
--
-- Registered on EtherType 0x9AC6. Change it with the preference
-- "TTPoE > EtherType" (decimal), e.g. `tshark -o ttpoe.ethertype:2758` for 0x0AC6.
-- Display filters: ttpoe.opcode, ttpoe.vc, ttpoe.txid, ttpoe.rxid, ttpoe.length
-- (TSH length = 26 + payload), ttpoe.payload_length, ttpoe.tth.*, ... (see `fields` below).
-- The Info column reads e.g. "PAYLOAD tx=5 rx=0 len=100".

local DEFAULT_ETHERTYPE = 0x9AC6
local TTH_LENGTH = 20   -- TTH bytes, right after the 14-byte Ethernet header
local TSH_LENGTH = 26   -- TSH bytes without payload
local HEADER_LENGTH = TTH_LENGTH + TSH_LENGTH

local ttpoe = Proto("TTPoE", "Tesla Transport Protocol over Ethernet")

local opcode_names = {
    [0x00] = "OPEN", [0x01] = "OPEN_ACK", [0x02] = "OPEN_NACK",
    [0x03] = "CLOSE", [0x04] = "CLOSE_ACK", [0x05] = "CLOSE_NACK",
    [0x06] = "PAYLOAD", [0x07] = "ACK", [0x08] = "NACK",
    [0x09] = "NACK_FULL", [0x0A] = "NACK_NOLINK",
}
local vc_names = { [0] = "REQ_LO", [1] = "REQ_HI", [2] = "DATA" }

local fields = {
    -- TTH (transport header), frame bytes 14..33
    tth_styp     = ProtoField.uint8("ttpoe.tth.styp", "Subtype (styp)", base.DEC, nil, 0xC0),
    tth_vers     = ProtoField.uint8("ttpoe.tth.vers", "Version", base.DEC, nil, 0x30),
    tth_tthl     = ProtoField.uint8("ttpoe.tth.tthl", "Header length (tthl, words)", base.DEC, nil, 0x0F),
    tth_gw       = ProtoField.uint8("ttpoe.tth.gw", "Gateway (gw)", base.DEC, nil, 0x80),
    tth_reserved = ProtoField.uint8("ttpoe.tth.reserved", "Reserved", base.HEX, nil, 0x7F),
    tth_length   = ProtoField.uint16("ttpoe.tth.length", "TTH length", base.DEC),
    tth_padding  = ProtoField.bytes("ttpoe.tth.padding", "TTH padding"),
    -- TSH (session header), frame bytes 34..59
    src_node     = ProtoField.uint24("ttpoe.src_node", "Source node", base.HEX),
    dst_node     = ProtoField.uint24("ttpoe.dst_node", "Destination node", base.HEX),
    length       = ProtoField.uint16("ttpoe.length", "TSH length", base.DEC),
    opcode_rsvd  = ProtoField.uint8("ttpoe.opcode.reserved", "Opcode reserved bits", base.HEX, nil, 0xC0),
    opcode       = ProtoField.uint8("ttpoe.opcode", "Opcode", base.HEX, opcode_names, 0x3F),
    vc           = ProtoField.uint8("ttpoe.vc", "Virtual channel", base.DEC, vc_names),
    tx           = ProtoField.uint8("ttpoe.tx", "tx", base.DEC),
    rx           = ProtoField.uint8("ttpoe.rx", "rx", base.DEC),
    epoch        = ProtoField.uint16("ttpoe.epoch", "Epoch", base.DEC),
    congestion   = ProtoField.uint8("ttpoe.congestion", "Congestion", base.DEC),
    reserved     = ProtoField.uint16("ttpoe.reserved", "Reserved", base.HEX),
    extension    = ProtoField.uint8("ttpoe.extension", "Extension", base.DEC),
    txid         = ProtoField.uint32("ttpoe.txid", "TxID", base.DEC),
    rxid         = ProtoField.uint32("ttpoe.rxid", "RxID", base.DEC),
    -- after the headers
    payload_len  = ProtoField.uint16("ttpoe.payload_length", "Payload length (TSH length - 26)", base.DEC),
    payload      = ProtoField.bytes("ttpoe.payload", "Payload"),
    padding      = ProtoField.bytes("ttpoe.padding", "Padding"),
}
ttpoe.fields = fields

local experts = {
    truncated  = ProtoExpert.new("ttpoe.truncated", "Frame ends inside the TTPoE headers",
                                 expert.group.MALFORMED, expert.severity.ERROR),
    bad_tthl   = ProtoExpert.new("ttpoe.bad_tthl", "TTH tthl is not 5",
                                 expert.group.MALFORMED, expert.severity.ERROR),
    bad_length = ProtoExpert.new("ttpoe.bad_length", "TSH length is not TTH length - 20, is below 26, or runs past the frame",
                                 expert.group.MALFORMED, expert.severity.ERROR),
    bad_opcode = ProtoExpert.new("ttpoe.bad_opcode", "Unknown opcode",
                                 expert.group.MALFORMED, expert.severity.ERROR),
}
ttpoe.experts = { experts.truncated, experts.bad_tthl, experts.bad_length, experts.bad_opcode }

ttpoe.prefs.ethertype = Pref.uint("EtherType", DEFAULT_ETHERTYPE,
                                  "EtherType the TTPoE dissector is registered on (decimal; default 39622 = 0x9AC6)")

-- Adds the TTH subtree (20 bytes at offset 0) and returns its length field.
local function dissect_tth(tvb, tree)
    local tth = tree:add(tvb(0, TTH_LENGTH), "Transport header (TTH)")
    tth:add(fields.tth_styp, tvb(0, 1))
    tth:add(fields.tth_vers, tvb(0, 1))
    local tthl_item = tth:add(fields.tth_tthl, tvb(0, 1))
    if bit.band(tvb(0, 1):uint(), 0x0F) ~= 5 then
        tthl_item:add_proto_expert_info(experts.bad_tthl)
    end
    tth:add(fields.tth_gw, tvb(1, 1))
    tth:add(fields.tth_reserved, tvb(1, 1))
    tth:add(fields.tth_length, tvb(2, 2))
    tth:add(fields.tth_padding, tvb(4, 16))
    return tvb(2, 2):uint()
end

-- Adds the TSH subtree (26 bytes at offset 20) and returns its length, opcode, TxID and RxID.
local function dissect_tsh(tvb, tree)
    local tsh = tree:add(tvb(TTH_LENGTH, TSH_LENGTH), "Session header (TSH)")
    local at = TTH_LENGTH
    tsh:add(fields.src_node, tvb(at + 0, 3))
    tsh:add(fields.dst_node, tvb(at + 3, 3))
    local length_item = tsh:add(fields.length, tvb(at + 6, 2))
    tsh:add(fields.opcode_rsvd, tvb(at + 8, 1))
    local opcode_item = tsh:add(fields.opcode, tvb(at + 8, 1))
    tsh:add(fields.vc, tvb(at + 9, 1))
    tsh:add(fields.tx, tvb(at + 10, 1))
    tsh:add(fields.rx, tvb(at + 11, 1))
    tsh:add(fields.epoch, tvb(at + 12, 2))
    tsh:add(fields.congestion, tvb(at + 14, 1))
    tsh:add(fields.reserved, tvb(at + 15, 2))
    tsh:add(fields.extension, tvb(at + 17, 1))
    tsh:add(fields.txid, tvb(at + 18, 4))
    tsh:add(fields.rxid, tvb(at + 22, 4))
    local opcode = bit.band(tvb(at + 8, 1):uint(), 0x3F)
    if opcode_names[opcode] == nil then
        opcode_item:add_proto_expert_info(experts.bad_opcode)
    end
    return tvb(at + 6, 2):uint(), length_item, opcode, tvb(at + 18, 4):uint(), tvb(at + 22, 4):uint()
end

-- Adds the payload (TSH length - 26 bytes, clipped to the frame) and any trailing pad;
-- returns the payload length the header claims.
local function dissect_payload(tvb, tree, tth_length, tsh_length, length_item)
    local claimed = tsh_length - TSH_LENGTH
    local available = tvb:len() - HEADER_LENGTH
    if claimed < 0 or tsh_length ~= tth_length - 20 or claimed > available then
        length_item:add_proto_expert_info(experts.bad_length)
    end
    local shown = math.max(0, math.min(claimed, available))
    tree:add(fields.payload_len, claimed):set_generated()
    if shown > 0 then
        tree:add(fields.payload, tvb(HEADER_LENGTH, shown))
    end
    if available > shown then
        tree:add(fields.padding, tvb(HEADER_LENGTH + shown, available - shown))
    end
    return claimed
end

function ttpoe.dissector(tvb, pinfo, tree)
    pinfo.cols.protocol = "TTPoE"
    local root = tree:add(ttpoe, tvb())
    if tvb:len() < HEADER_LENGTH then
        root:add_proto_expert_info(experts.truncated)
        pinfo.cols.info = string.format("Truncated TTPoE header (%d of %d bytes after the EtherType)",
                                        tvb:len(), HEADER_LENGTH)
        return tvb:len()
    end
    local tth_length = dissect_tth(tvb, root)
    local tsh_length, length_item, opcode, txid, rxid = dissect_tsh(tvb, root)
    local payload_length = dissect_payload(tvb, root, tth_length, tsh_length, length_item)
    local name = opcode_names[opcode] or string.format("UNKNOWN(0x%02x)", opcode)
    pinfo.cols.info = string.format("%s tx=%d rx=%d len=%d", name, txid, rxid, payload_length)
    root:append_text(string.format(", %s", name))
    return tvb:len()
end

-- Keeps the dissector on the EtherType the preference names.
local ethertype_table = DissectorTable.get("ethertype")
local registered_ethertype = DEFAULT_ETHERTYPE
ethertype_table:add(registered_ethertype, ttpoe)

function ttpoe.prefs_changed()
    local wanted = ttpoe.prefs.ethertype
    if wanted ~= registered_ethertype then
        ethertype_table:remove(registered_ethertype, ttpoe)
        ethertype_table:add(wanted, ttpoe)
        registered_ethertype = wanted
    end
end

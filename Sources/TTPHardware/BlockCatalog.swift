import HDL

/// The blocks a bench can build by name (`bench/fpga/run --top NAME`): the
/// endpoint's blocks and the library blocks it is made of, each built from
/// the generator parameters. A new block is one line in `entries`.
public enum BlockCatalog {
    private static let entries: [(name: String, make: @Sendable (EndpointParameters) -> any Module)] = [
        ("ttp_rx_parser", { RxParser($0) }),
        ("ttp_tx_builder", { TxBuilder($0) }),
        ("ttp_endpoint", { TTPEndpoint($0) }),
        ("ttp_link_engine", { LinkEngine($0) }),
        ("ttp_link_decision", { _ in LinkDecision() }),
        ("ttp_rx_delivery", { RxDelivery(dataWidth: $0.dataWidth) }),
        ("ttp_replay_memory", { ReplayMemory($0) }),
        ("ttp_replay_lists", { ReplayLists($0) }),
        // Library blocks sized for what the endpoint puts through them: one stream beat.
        ("sync_fifo", { SyncFifo(width: beatWidth($0), depth: 16, technology: $0.ram) }),
        ("skid_buffer", { SkidBuffer(width: beatWidth($0)) }),
        ("ping_pong_slice", { PingPongSlice(width: beatWidth($0)) }),
        ("prefetch_queue", { PrefetchQueue(width: beatWidth($0)) }),
        // The pipeline picks among a handful of event sources.
        ("round_robin_arbiter", { _ in RoundRobinArbiter(count: 8) }),
        ("credit_counter", { _ in CreditCounter(credits: 19) }),
        // The replay memory's slots.
        ("free_list", { FreeList(count: $0.replaySlots, technology: $0.ram) }),
    ]

    /// The names `block(named:_:)` knows, in catalog order.
    public static var names: [String] { entries.map(\.name) }

    /// The block called `name`, built for `parameters`; nil for an unknown name.
    public static func block(named name: String, _ parameters: EndpointParameters) -> (any Module)? {
        entries.first { $0.name == name }?.make(parameters)
    }

    /// The refusal of an unknown name, listing the allowed ones.
    public static func unknownNameMessage(_ name: String) -> String {
        "'\(name)' is not a catalog block; use one of \(names.joined(separator: ", "))"
    }

    /// Bits of one stream beat: data, keep (one bit a byte) and last.
    public static func beatWidth(_ parameters: EndpointParameters) -> Int {
        parameters.dataWidth + parameters.dataBytes + 1
    }
}

// swift-tools-version:5.9
import PackageDescription

let package = Package(
    name: "swift-hdl-ttp",
    products: [
        .library(name: "HDL", targets: ["HDL"]),
        .library(name: "TTPHardware", targets: ["TTPHardware"]),
        // Reusable test-bench parts (wire format, link reference model, net agents, pcap) for a user's own tests.
        .library(name: "TTPTestbench", targets: ["TTPTestbench"]),
        .executable(name: "ttp-gen", targets: ["ttp-gen"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // The language: IR, builder surface, checks, Verilog emitter, simulator.
        .target(name: "HDL", path: "Sources/HDL"),
        // Small designs written in the language: documentation, tests and benchmarks use them.
        .target(name: "HDLExamples", dependencies: ["HDL"], path: "Sources/HDLExamples"),
        // The TTP endpoint, written in the language.
        .target(name: "TTPHardware", dependencies: ["HDL"], path: "Sources/TTPHardware"),
        // The generator flags, shared by ttp-gen and the FPGA bench so both parse them alike.
        .target(
            name: "TTPGenOptions",
            dependencies: ["HDL", "TTPHardware", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Sources/TTPGenOptions"),
        .executableTarget(
            name: "ttp-gen",
            dependencies: [
                "HDL", "TTPHardware", "TTPGenOptions",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/ttp-gen"),

        // Test-bench parts, written from the spec and never from Sources/TTPHardware: the TTPoE
        // wire format (WIRE-FORMAT.md), the reference model of TTP links (spec 3-5),
        // net-side stream agents, pcap files.
        .target(name: "TTPTestbench", dependencies: ["HDL"], path: "testbench"),
        .testTarget(name: "HDLTests", dependencies: ["HDL", "HDLExamples"], path: "Tests/HDLTests"),
        .testTarget(name: "SimTests", dependencies: ["HDL", "HDLExamples"], path: "Tests/SimTests"),
        .testTarget(
            name: "TTPHardwareTests",
            dependencies: ["HDL", "TTPHardware", "TTPTestbench"],
            path: "Tests/TTPHardwareTests"),

        // Benchmarks: run in release mode, results in BENCHMARKS.md.
        .executableTarget(name: "bench-elaborate", dependencies: ["HDL"], path: "bench/elaborate"),
        .executableTarget(name: "bench-sim", dependencies: ["HDL", "HDLExamples"], path: "bench/sim"),
        // Emits a catalog block and its place-and-route wrapper for bench/fpga/run (debug build is fine).
        .executableTarget(
            name: "bench-fpga-emit",
            dependencies: [
                "HDL", "TTPHardware", "TTPGenOptions",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "bench/fpga/emit"),
    ]
)

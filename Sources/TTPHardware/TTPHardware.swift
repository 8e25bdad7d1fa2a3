import HDL

/// The TTP endpoint written in the HDL DSL.
public enum TTPHardware {}

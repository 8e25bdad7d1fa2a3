/// Turning Swift names into Verilog names.
public enum Naming {
    /// `netRxTdata` → `net_rx_tdata`, `txID` → `tx_id`, `HTTPServer` → `http_server`.
    public static func snakeCase(_ name: String) -> String {
        let chars = Array(name)
        var out = ""
        for (i, c) in chars.enumerated() {
            if c.isUppercase, i > 0 {
                let prev = chars[i - 1]
                let nextIsLower = i + 1 < chars.count && chars[i + 1].isLowercase
                if prev.isLowercase || prev.isNumber || (prev.isUppercase && nextIsLower) {
                    if !out.hasSuffix("_") { out.append("_") }
                }
            }
            out.append(contentsOf: c.lowercased())
        }
        return out
    }

    /// Whether `name` is a plain Verilog identifier.
    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || first.properties.isAlphabetic && first.isASCII
        else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && ($0 == "_" || $0 == "$" || $0.properties.isAlphabetic || ("0"..."9").contains($0)) }
    }
}

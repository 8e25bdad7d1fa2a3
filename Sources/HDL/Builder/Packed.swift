/// A field of a packed struct: `var txID = Field(32)`.
public struct Field {
    public let width: Int
    /// Set on one field of a probe instance to find which field a key path names.
    var marked = false

    public init(_ width: Int) { self.width = width }
}

/// A packed record of named fields, like a link-context record:
///
///     struct LinkContext: PackedStruct {
///         var state = Field(3)
///         var txID = Field(32)
///     }
///
/// Fields are packed in declaration order, the first in the most significant
/// bits (as Chisel bundles and SystemVerilog packed structs do).
public protocol PackedStruct {
    init()
}

extension PackedStruct {
    /// Name, width and lowest bit of every field, first field first.
    public static var layout: [(name: String, width: Int, lsb: Int)] {
        let fields = Mirror(reflecting: Self()).children.compactMap { child in
            (child.value as? Field).map { (child.label ?? "?", $0.width) }
        }
        var lsb = fields.reduce(0) { $0 + $1.1 }
        return fields.map { field in
            lsb -= field.1
            return (field.0, field.1, lsb)
        }
    }

    /// Total width in bits.
    public static var width: Int { layout.reduce(0) { $0 + $1.width } }

    /// The field a key path names: marks it on a probe and finds the marked one.
    public static func field(_ keyPath: WritableKeyPath<Self, Field>) -> (name: String, width: Int, lsb: Int) {
        var probe = Self()
        probe[keyPath: keyPath].marked = true
        let index = Mirror(reflecting: probe).children.filter { $0.value is Field }
            .firstIndex { ($0.value as! Field).marked }!
        return layout[index]
    }

    /// A constant word with the given field values, the others 0: a table's
    /// encoding of one row, or a word a test bench drives.
    public static func constant(_ values: [(WritableKeyPath<Self, Field>, UInt64)]) -> BitVector {
        var word = BitVector(width: width)
        for (keyPath, value) in values {
            let field = field(keyPath)
            precondition(field.width >= 64 || value >> UInt64(field.width) == 0,
                         "\(value) does not fit the \(field.width)-bit field \(field.name)")
            for bit in 0..<min(field.width, 64) where value >> UInt64(bit) & 1 == 1 { word[bit: field.lsb + bit] = true }
        }
        return word
    }
}

/// A view of any value as a packed struct: `Packed<LinkContext>(ctx).txID`
/// reads the field's bits.
@dynamicMemberLookup
public struct Packed<S: PackedStruct>: BitsConvertible {
    public let bits: Bits

    public init<B: BitsConvertible>(_ value: B) { bits = value.bits }

    public subscript(dynamicMember keyPath: WritableKeyPath<S, Field>) -> Bits {
        let f = S.field(keyPath)
        return bits.bits(f.lsb + f.width - 1, f.lsb)
    }

    /// The same record with one field replaced.
    public func with<V: BitsConvertible>(_ keyPath: WritableKeyPath<S, Field>, _ value: V) -> Packed<S> {
        var fields = Packer<S>()
        for f in S.layout { fields.values[f.name] = bits.bits(f.lsb + f.width - 1, f.lsb) }
        fields.values[S.field(keyPath).name] = value.bits
        return Packed(fields.packed)
    }

    /// Builds a record from field values; fields left unset are zero.
    public static func pack(_ fill: (inout Packer<S>) -> Void) -> Packed<S> {
        var packer = Packer<S>()
        fill(&packer)
        return Packed(packer.packed)
    }
}

/// Collects field values for `Packed.pack`: `$0.txID = nextID`.
@dynamicMemberLookup
public struct Packer<S: PackedStruct> {
    var values: [String: Bits] = [:]

    public subscript(dynamicMember keyPath: WritableKeyPath<S, Field>) -> Bits {
        get { values[S.field(keyPath).name] ?? Bits(0, width: S.field(keyPath).width) }
        set { values[S.field(keyPath).name] = newValue }
    }

    var packed: Bits {
        Expr.concat(S.layout.map { field in
            guard let value = values[field.name] else { return Bits(0, width: field.width) }
            let sized = Sizing.resolve(value.node, to: field.width)
            guard sized.width == field.width else {
                return Bits(node: Node(sized.kind, width: field.width, problem: .fieldWidth(field: field.name, width: field.width)))
            }
            return Bits(node: sized)
        })
    }
}

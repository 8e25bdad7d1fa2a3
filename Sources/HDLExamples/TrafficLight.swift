import HDL

/// A 4-state machine: a traffic light that goes green → yellow → red →
/// red+yellow → green, staying `hold` cycles in each state while `run` is 1.
public final class TrafficLight: Module {
    public enum Light: HardwareEnum {
        case green, yellow, red, redYellow
    }

    public let run = Input(1)
    /// One bit per lamp: red, yellow, green (msb first).
    public let lamps = Output(3)
    public let state: Output
    let current = EnumReg(Light.self, init: .red)
    let timer: Reg
    let hold: Int

    public init(hold: Int = 3) {
        self.hold = hold
        timer = Reg(8, init: 0)
        state = Output(Light.width)
    }

    public var body: Logic {
        When(run) {
            When(timer == hold - 1) {
                timer <== 0
            }.otherwise {
                timer <== timer + 1
            }
        }
        When(run && timer == hold - 1) {
            Switch(current) { light in
                switch light {
                case .green: current <== .yellow
                case .yellow: current <== .red
                case .red: current <== .redYellow
                case .redYellow: current <== .green
                }
            }
        }
        Switch(current) { light in
            switch light {
            case .green: lamps <== 0b001
            case .yellow: lamps <== 0b010
            case .red: lamps <== 0b100
            case .redYellow: lamps <== 0b110
            }
        }
        state <== current
    }
}

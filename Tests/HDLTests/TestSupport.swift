import XCTest
import HDL

/// Where a test expects an error: this test file and a line in it.
struct ExpectedLocation {
    let file: String
    let line: Int

    init(_ file: StaticString = #fileID, line: Int) {
        self.file = "\(file)"
        self.line = line
    }

    /// `File.swift:NN` as it appears in diagnostics (the `#fileID` form, `HDLTests/File.swift:NN`).
    var text: String { "\(file):\(line)" }
}

/// Elaborates `module`, which must fail; returns the error.
func elaborationError(_ module: any Module, file: StaticString = #filePath, line: UInt = #line) -> ElaborationError? {
    do {
        _ = try Design(module)
        XCTFail("elaboration succeeded, but an error was expected", file: file, line: line)
    } catch let error as ElaborationError {
        return error
    } catch {
        XCTFail("unexpected error \(error)", file: file, line: line)
    }
    return nil
}

/// Asserts that elaborating `module` fails with an error whose primary
/// location is `at` and whose message contains every one of `words`.
/// Returns the matching diagnostic for further checks.
@discardableResult
func assertElaborationError(_ module: any Module, at location: ExpectedLocation, contains words: [String],
                            file: StaticString = #filePath, line: UInt = #line) -> Diagnostic? {
    guard let error = elaborationError(module, file: file, line: line) else { return nil }
    let matching = error.diagnostics.first { d in
        d.location.description == location.text && words.allSatisfy { d.message.contains($0) }
    }
    XCTAssertNotNil(matching, "expected an error at \(location.text) containing \(words); got:\n\(error)",
                    file: file, line: line)
    // The printed form (what the user sees) names the file and line too.
    if matching != nil {
        XCTAssertTrue(error.description.contains("\(location.text): error:"), file: file, line: line)
    }
    return matching
}

/// Emits `module` and runs verilator -Wall, iverilog and yosys on it.
@discardableResult
func emitAndLint(_ module: any Module, file: StaticString = #filePath, line: UInt = #line) throws -> EmittedDesign {
    let design = try VerilogEmitter.emit(module)
    try ToolFlowCheck.run(design)
    return design
}

extension EmittedDesign {
    /// The text of the file for Verilog module `name`.
    func text(of name: String) -> String {
        files.first { $0.name == "\(name).v" }?.text ?? ""
    }

    /// Every line of every file, trimmed.
    var lines: [String] {
        files.flatMap { $0.text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) } }
    }
}

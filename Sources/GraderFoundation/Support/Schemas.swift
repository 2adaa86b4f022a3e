import Foundation
import LibXML2

/// The XSD schemas Grader ships: `rubric.xsd` for what authors write and
/// `report.xsd` and `cohort.xsd` for what grading writes, `tune.xsd` for what tuning writes.
/// Compiled once per process.
public enum Schemas {
    public static let rubricSource: [UInt8] = resource("rubric.xsd")
    public static let reportSource: [UInt8] = resource("report.xsd")

    public static let rubric: XMLSchemaValidator = compile(rubricSource, "rubric.xsd")
    public static let report: XMLSchemaValidator = compile(reportSource, "report.xsd")
    public static let cohortSource: [UInt8] = resource("cohort.xsd")
    public static let cohort: XMLSchemaValidator = compile(cohortSource, "cohort.xsd")
    public static let tuneSource: [UInt8] = resource("tune.xsd")
    public static let tune: XMLSchemaValidator = compile(tuneSource, "tune.xsd")

    /// A shipped resource file's bytes. The resources are part of the build, so a
    /// missing one is a broken installation, not bad input.
    package static func resource(_ name: String) -> [UInt8] {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Resources"),
              let bytes = try? FileSystem.read(url.path) else {
            preconditionFailure("Grader's resource \(name) is missing from its installation")
        }
        return bytes
    }

    private static func compile(_ bytes: [UInt8], _ name: String) -> XMLSchemaValidator {
        do {
            return try XMLSchemaValidator(bytes: bytes, name: name)
        } catch {
            preconditionFailure("Grader's shipped schema \(name) does not compile: \(error)")
        }
    }
}

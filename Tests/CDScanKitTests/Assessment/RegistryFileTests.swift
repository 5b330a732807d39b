import Testing
import YAMLReader
@testable import CDScanKit

/// probes.yml and model.yml are read strictly, in the one wording of `YAMLMapReader`.
@Suite struct RegistryFileTests {
    func probeError(_ text: String) -> String {
        do {
            _ = try ProbeRegistry.load(RuleSourceFile(path: "probes.yml", text: text, origin: .builtIn))
            return "no error"
        } catch {
            return error.description
        }
    }

    func modelError(_ text: String) -> String {
        do {
            _ = try CharacteristicModel.load(RuleSourceFile(path: "model.yml", text: text, origin: .builtIn))
            return "no error"
        } catch {
            return error.description
        }
    }

    @Test func theBuiltInFilesLoad() {
        #expect(ProbeRegistry.builtIn.entries.count > 50)
        #expect(CharacteristicModel.builtIn.entries.count == 42)
    }

    @Test func aProbeWithAnUnknownKeyOrWithoutASourceIsAnError() {
        #expect(probeError("probes:\n  - {name: a, source: files, qestion: x}\n")
            == "probes.yml:2:30: unknown key 'qestion' in a probe (expected one of: name, presence, question, source, values)")
        #expect(probeError("probes:\n  - {name: a}\n") == "probes.yml:2:5: missing key 'source' in a probe")
        #expect(probeError("probes:\n  - {name: a, source: files, values: {n: number}}\n")
            == "probes.yml:2:42: 'values.n' must be bool, int, double, string or list, found 'number'")
        #expect(probeError("probe: []\n").hasPrefix("probes.yml:1:1: missing key 'probes'"))
    }

    @Test func aPresenceProbeMayOnlyDeclareTheValuesItCanFill() {
        #expect(probeError("probes:\n  - {name: a, source: files, values: {files: list}, presence: {noun: x}}\n") == "no error")
        #expect(probeError("probes:\n  - {name: a, source: files, values: {files: list}, presence: {noun: x, nun: y}}\n")
            == "probes.yml:2:73: unknown key 'nun' in a presence declaration (expected one of: detail, kinds, noun)")
        #expect(probeError("probes:\n  - {name: a, source: files, values: {files: list, targets: list}, presence: {noun: x}}\n")
            .hasPrefix("probes.yml:2:78: a presence probe cannot report 'targets'"))
        #expect(probeError("probes:\n  - {name: a, source: files, values: {files: int}, presence: {noun: x}}\n")
            == "probes.yml:2:62: a presence probe reports 'files' as list, not int")
        #expect(probeError("probes:\n  - {name: a, source: files, values: {files: list}, presence: {noun: x, kinds: strategies}}\n")
            == "probes.yml:2:63: 'kinds' names 'strategies', which is not among the probe's values")
        #expect(probeError("probes:\n  - {name: a, source: files, values: {practiceCommits: int}, presence: {noun: x}}\n")
            == "probes.yml:2:72: a presence probe reports all the practice values or none")
        #expect(probeError("probes:\n  - {name: a, source: history, values: {files: list}, presence: {noun: x}}\n")
            == "probes.yml:2:5: probe a is a presence probe, so its source must be files")
    }

    @Test func aCharacteristicWithAWrongTypeOrAnUnknownKeyIsAnError() {
        #expect(modelError("characteristics:\n  - {id: a, level: one, dimension: tech, kind: deficit, title: t}\n")
            == "model.yml:2:20: 'level' must be a whole number, found 'one'")
        #expect(modelError("characteristics:\n  - {id: a, level: 1, dimension: tech, kind: deficit, title: t, note: x}\n")
            .hasPrefix("model.yml:2:65: unknown key 'note' in a characteristic (expected one of: dimension, id, kind, level, title)"))
    }
}

import CYAML

/// Reads YAML text through libyaml's event parser into `YAMLNode` trees.
///
/// Aliases are expanded, with a cap on the total number of nodes so that a "billion laughs" text fails
/// cleanly instead of exhausting memory; nesting is capped so that no input can overflow the stack.
public enum YAMLParser {
    public static let maximumNodes = 1_000_000
    public static let maximumDepth = 256

    /// The first document of `text`, or nil when the text holds none (empty or only comments).
    public static func parse(_ text: String, file: String) throws(YAMLError) -> YAMLNode? {
        try parseAll(text, file: file).first
    }

    /// Every document of a multi-document text (`---` separated), in order.
    public static func parseAll(_ text: String, file: String) throws(YAMLError) -> [YAMLNode] {
        var bytes = Array(text.utf8)
        return try parseAll(bytes: &bytes, file: file)
    }

    /// Same, from raw bytes (UTF-8, or UTF-16 with a byte-order mark, as libyaml detects).
    public static func parseAll(bytes: [UInt8], file: String) throws(YAMLError) -> [YAMLNode] {
        var copy = bytes
        return try parseAll(bytes: &copy, file: file)
    }

    private static func parseAll(bytes: inout [UInt8], file: String) throws(YAMLError) -> [YAMLNode] {
        // libyaml keeps the input pointer, so the whole parse runs inside this closure.
        let result: Result<[YAMLNode], YAMLError> = bytes.withUnsafeBufferPointer { buffer in
            let session = ParseSession(file: file)
            return session.run(buffer)
        }
        return try result.get()
    }
}

/// One libyaml parser and the state of building nodes from its events; freed when the parse ends.
private final class ParseSession {
    private let file: String
    private var parser = yaml_parser_t()
    private var anchors: [String: YAMLNode] = [:]
    private var nodeCount = 0

    init(file: String) {
        self.file = file
    }

    func run(_ buffer: UnsafeBufferPointer<UInt8>) -> Result<[YAMLNode], YAMLError> {
        guard yaml_parser_initialize(&parser) == 1 else {
            return .failure(YAMLError(file: file, mark: nil, message: "libyaml could not start a parser"))
        }
        defer { yaml_parser_delete(&parser) }
        if let base = buffer.baseAddress, buffer.count > 0 {
            yaml_parser_set_input_string(&parser, base, buffer.count)
        } else {
            return .success([])
        }
        do {
            return .success(try documents())
        } catch {
            return .failure(error)
        }
    }

    private func documents() throws(YAMLError) -> [YAMLNode] {
        var result: [YAMLNode] = []
        while true {
            let event = try nextEvent()
            switch event.kind {
            case .streamStart, .documentEnd:
                continue
            case .streamEnd:
                return result
            case .documentStart:
                anchors = [:]
                let start = try nextEvent()
                result.append(try node(startingWith: start, depth: 0))
            default:
                throw YAMLError(file: file, mark: event.mark, message: "unexpected \(event.kind) at document level")
            }
        }
    }

    private func node(startingWith event: Event, depth: Int) throws(YAMLError) -> YAMLNode {
        guard depth < YAMLParser.maximumDepth else {
            throw YAMLError(file: file, mark: event.mark, message: "nesting deeper than \(YAMLParser.maximumDepth) levels")
        }
        nodeCount += 1
        guard nodeCount <= YAMLParser.maximumNodes else {
            throw YAMLError(file: file, mark: event.mark, message: "more than \(YAMLParser.maximumNodes) nodes (alias expansion?)")
        }
        let built: YAMLNode
        switch event.kind {
        case .scalar(let text, let style):
            built = YAMLNode(content: .scalar(text, style), mark: event.mark, tag: event.tag)
        case .sequenceStart:
            var items: [YAMLNode] = []
            while true {
                let next = try nextEvent()
                if case .sequenceEnd = next.kind { break }
                items.append(try node(startingWith: next, depth: depth + 1))
            }
            built = YAMLNode(content: .sequence(items), mark: event.mark, tag: event.tag)
        case .mappingStart:
            var pairs: [YAMLPair] = []
            while true {
                let next = try nextEvent()
                if case .mappingEnd = next.kind { break }
                let key = try node(startingWith: next, depth: depth + 1)
                let value = try node(startingWith: try nextEvent(), depth: depth + 1)
                pairs.append(YAMLPair(key: key, value: value))
            }
            built = YAMLNode(content: .mapping(pairs), mark: event.mark, tag: event.tag)
        case .alias(let name):
            guard let target = anchors[name] else {
                throw YAMLError(file: file, mark: event.mark, message: "unknown alias *\(name)")
            }
            nodeCount += target.nodeCount
            guard nodeCount <= YAMLParser.maximumNodes else {
                throw YAMLError(file: file, mark: event.mark, message: "more than \(YAMLParser.maximumNodes) nodes (alias expansion?)")
            }
            return target
        default:
            throw YAMLError(file: file, mark: event.mark, message: "unexpected \(event.kind)")
        }
        if let anchor = event.anchor { anchors[anchor] = built }
        return built
    }

    private func nextEvent() throws(YAMLError) -> Event {
        var raw = yaml_event_t()
        guard yaml_parser_parse(&parser, &raw) == 1 else { throw parserError() }
        defer { yaml_event_delete(&raw) }
        return Event(raw)
    }

    private func parserError() -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        let context = parser.context.map { String(cString: $0) }
        let mark = YAMLMark(line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
        let message = context.map { "\(problem) \($0)" } ?? problem
        return YAMLError(file: file, mark: mark, message: message)
    }
}

/// A libyaml event copied into Swift values, so nothing points into libyaml's memory after deletion.
private struct Event {
    enum Kind: CustomStringConvertible {
        case streamStart, streamEnd, documentStart, documentEnd
        case scalar(String, YAMLScalarStyle)
        case sequenceStart, sequenceEnd, mappingStart, mappingEnd
        case alias(String)
        case none

        var description: String {
            switch self {
            case .streamStart: return "stream start"
            case .streamEnd: return "stream end"
            case .documentStart: return "document start"
            case .documentEnd: return "document end"
            case .scalar: return "scalar"
            case .sequenceStart: return "sequence start"
            case .sequenceEnd: return "sequence end"
            case .mappingStart: return "mapping start"
            case .mappingEnd: return "mapping end"
            case .alias: return "alias"
            case .none: return "empty event"
            }
        }
    }

    let kind: Kind
    let mark: YAMLMark
    let anchor: String?
    let tag: String?

    init(_ raw: yaml_event_t) {
        mark = YAMLMark(line: Int(raw.start_mark.line) + 1, column: Int(raw.start_mark.column) + 1)
        switch raw.type {
        case YAML_STREAM_START_EVENT:
            kind = .streamStart; anchor = nil; tag = nil
        case YAML_STREAM_END_EVENT:
            kind = .streamEnd; anchor = nil; tag = nil
        case YAML_DOCUMENT_START_EVENT:
            kind = .documentStart; anchor = nil; tag = nil
        case YAML_DOCUMENT_END_EVENT:
            kind = .documentEnd; anchor = nil; tag = nil
        case YAML_ALIAS_EVENT:
            kind = .alias(Self.text(raw.data.alias.anchor)); anchor = nil; tag = nil
        case YAML_SCALAR_EVENT:
            let scalar = raw.data.scalar
            let value = Self.text(scalar.value, length: Int(scalar.length))
            kind = .scalar(value, Self.style(scalar.style))
            anchor = scalar.anchor.map { Self.text($0) }
            tag = scalar.tag.map { Self.text($0) }
        case YAML_SEQUENCE_START_EVENT:
            kind = .sequenceStart
            anchor = raw.data.sequence_start.anchor.map { Self.text($0) }
            tag = raw.data.sequence_start.tag.map { Self.text($0) }
        case YAML_SEQUENCE_END_EVENT:
            kind = .sequenceEnd; anchor = nil; tag = nil
        case YAML_MAPPING_START_EVENT:
            kind = .mappingStart
            anchor = raw.data.mapping_start.anchor.map { Self.text($0) }
            tag = raw.data.mapping_start.tag.map { Self.text($0) }
        case YAML_MAPPING_END_EVENT:
            kind = .mappingEnd; anchor = nil; tag = nil
        default:
            kind = .none; anchor = nil; tag = nil
        }
    }

    private static func text(_ pointer: UnsafeMutablePointer<yaml_char_t>) -> String {
        String(cString: pointer)
    }

    private static func text(_ pointer: UnsafeMutablePointer<yaml_char_t>?, length: Int) -> String {
        guard let pointer else { return "" }
        // Scalars are pointer + length: they may contain NUL, so decode by length, repairing bad UTF-8.
        return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }

    private static func style(_ style: yaml_scalar_style_t) -> YAMLScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }
}

extension YAMLNode {
    /// How many nodes this subtree holds, to charge alias expansions against the node cap.
    var nodeCount: Int {
        switch content {
        case .scalar: return 1
        case .sequence(let items): return items.reduce(1) { $0 + $1.nodeCount }
        case .mapping(let pairs): return pairs.reduce(1) { $0 + $1.key.nodeCount + $1.value.nodeCount }
        }
    }
}

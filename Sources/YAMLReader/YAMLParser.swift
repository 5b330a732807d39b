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
    // One session is one parse on one thread, and these are touched for every event: no runtime
    // exclusivity checks.
    @exclusivity(unchecked) private var parser = yaml_parser_t()
    @exclusivity(unchecked) private var anchors: [String: YAMLNode] = [:]
    @exclusivity(unchecked) private var nodeCount = 0

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
            var event = try nextEvent()
            defer { yaml_event_delete(&event) }
            switch event.type {
            case YAML_STREAM_START_EVENT, YAML_DOCUMENT_END_EVENT:
                continue
            case YAML_STREAM_END_EVENT:
                return result
            case YAML_DOCUMENT_START_EVENT:
                anchors = [:]
                // Never nil: only a collection's own end is read as "no more nodes".
                if let root = try node(depth: 0) { result.append(root) }
            default:
                throw YAMLError(file: file, mark: Self.mark(event), message: "unexpected \(Self.name(event.type)) at document level")
            }
        }
    }

    /// The node that starts with the next event; nil when that event is `end`, the end of the collection
    /// being read. Works on libyaml's event in place: only a scalar's text, and a tag or anchor where there
    /// is one, become Swift strings.
    private func node(depth: Int, closing end: yaml_event_type_t? = nil) throws(YAMLError) -> YAMLNode? {
        var event = try nextEvent()
        defer { yaml_event_delete(&event) }
        if let end, event.type == end { return nil }
        let mark = Self.mark(event)
        guard depth < YAMLParser.maximumDepth else {
            throw YAMLError(file: file, mark: mark, message: "nesting deeper than \(YAMLParser.maximumDepth) levels")
        }
        nodeCount += 1
        guard nodeCount <= YAMLParser.maximumNodes else {
            throw YAMLError(file: file, mark: mark, message: "more than \(YAMLParser.maximumNodes) nodes (alias expansion?)")
        }
        let built: YAMLNode
        let anchor: UnsafeMutablePointer<yaml_char_t>?
        switch event.type {
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            anchor = scalar.anchor
            built = YAMLNode(content: .scalar(Self.text(scalar.value, length: Int(scalar.length)), Self.style(scalar.style)),
                             mark: mark, tag: scalar.tag.map(Self.text))
        case YAML_SEQUENCE_START_EVENT:
            anchor = event.data.sequence_start.anchor
            var items: [YAMLNode] = []
            items.reserveCapacity(4)
            while let item = try node(depth: depth + 1, closing: YAML_SEQUENCE_END_EVENT) { items.append(item) }
            built = YAMLNode(content: .sequence(items), mark: mark, tag: event.data.sequence_start.tag.map(Self.text))
        case YAML_MAPPING_START_EVENT:
            anchor = event.data.mapping_start.anchor
            var pairs: [YAMLPair] = []
            pairs.reserveCapacity(4)
            while let key = try node(depth: depth + 1, closing: YAML_MAPPING_END_EVENT) {
                // Never nil: without `closing`, a mapping end here is "unexpected", as any misplaced event.
                guard let value = try node(depth: depth + 1) else { break }
                pairs.append(YAMLPair(key: key, value: value))
            }
            built = YAMLNode(content: .mapping(pairs), mark: mark, tag: event.data.mapping_start.tag.map(Self.text))
        case YAML_ALIAS_EVENT:
            let name = Self.text(event.data.alias.anchor)
            guard let target = anchors[name] else {
                throw YAMLError(file: file, mark: mark, message: "unknown alias *\(name)")
            }
            nodeCount += target.nodeCount
            guard nodeCount <= YAMLParser.maximumNodes else {
                throw YAMLError(file: file, mark: mark, message: "more than \(YAMLParser.maximumNodes) nodes (alias expansion?)")
            }
            return target
        default:
            throw YAMLError(file: file, mark: mark, message: "unexpected \(Self.name(event.type))")
        }
        if let anchor { anchors[Self.text(anchor)] = built }
        return built
    }

    /// The next libyaml event; the caller deletes it.
    private func nextEvent() throws(YAMLError) -> yaml_event_t {
        var event = yaml_event_t()
        guard yaml_parser_parse(&parser, &event) == 1 else { throw parserError() }
        return event
    }

    private func parserError() -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        let context = parser.context.map { String(cString: $0) }
        let mark = YAMLMark(line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
        let message = context.map { "\(problem) \($0)" } ?? problem
        return YAMLError(file: file, mark: mark, message: message)
    }

    private static func mark(_ event: yaml_event_t) -> YAMLMark {
        YAMLMark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
    }

    /// An event's kind, as messages name it.
    private static func name(_ type: yaml_event_type_t) -> String {
        switch type {
        case YAML_STREAM_START_EVENT: return "stream start"
        case YAML_STREAM_END_EVENT: return "stream end"
        case YAML_DOCUMENT_START_EVENT: return "document start"
        case YAML_DOCUMENT_END_EVENT: return "document end"
        case YAML_SCALAR_EVENT: return "scalar"
        case YAML_SEQUENCE_START_EVENT: return "sequence start"
        case YAML_SEQUENCE_END_EVENT: return "sequence end"
        case YAML_MAPPING_START_EVENT: return "mapping start"
        case YAML_MAPPING_END_EVENT: return "mapping end"
        case YAML_ALIAS_EVENT: return "alias"
        default: return "empty event"
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

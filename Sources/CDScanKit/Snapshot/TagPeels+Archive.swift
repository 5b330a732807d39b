import GitAccess

/// `TagPeels` as the bytes of the cache's `tags` file, framed by `ArchiveFrame` ("CDPEEL", format byte,
/// length, CRC-32). Payload (little-endian): the cdscan version, the count, then by column in the order of
/// the objects the references name: those objects' ids, the targets' ids, flags (1 annotated, 2 tagger, 4
/// message, 8 date), then the taggers (names, emails, times, offsets), the messages and the dates of the
/// peels that have them.
extension TagPeels {
    /// Bump when what a kept peel means changes (how a tag is parsed or dated).
    static let format: UInt8 = 1
    private static let magic = "CDPEEL"

    func archived() -> [[UInt8]] {
        let peels = current.sorted { $0.key < $1.key }
        var out = ByteWriter()
        out.version()
        out.u32(peels.count)
        out.ids(peels.map(\.key))
        out.ids(peels.map(\.value.target))
        out.column(peels.map { peel -> UInt8 in
            (peel.value.isAnnotated ? 1 : 0) | (peel.value.tagger != nil ? 2 : 0) | (peel.value.message != nil ? 4 : 0)
                | (peel.value.date != nil ? 8 : 0)
        })
        let taggers = peels.compactMap(\.value.tagger)
        out.strings(taggers.map(\.name))
        out.strings(taggers.map(\.email))
        out.column(taggers.map(\.time.seconds))
        out.column(taggers.map(\.time.offsetMinutes))
        out.strings(peels.compactMap(\.value.message))
        let dates = peels.compactMap(\.value.date)
        out.column(dates.map(\.seconds))
        out.column(dates.map(\.offsetMinutes))
        return [ArchiveFrame.header(of: out.bytes, magic: Self.magic, format: Self.format), out.bytes]
    }

    /// Reads the file back; an error when it is not one this cdscan wrote whole (the tags are then peeled again).
    convenience init(archived file: [UInt8]) throws(WalkMemoryArchiveError) {
        try self.init(payload: try ArchiveFrame.payload(of: file, magic: Self.magic, format: Self.format, kind: "tag cache"))
    }

    /// Reads a payload whose frame was checked (or, for the fuzzing harness, that has none): any bytes
    /// give peels or an error.
    convenience init(payload: ArraySlice<UInt8>, checkingVersion: Bool = true) throws(WalkMemoryArchiveError) {
        var reader = ByteReader(bytes: payload)
        try reader.expectVersion(checking: checkingVersion)
        let count = try reader.u32()
        let objects = try reader.ids(count: count)
        let targets = try reader.ids(count: count)
        let flags = try reader.column(UInt8.self, count: count)
        let taggerCount = flags.filter { $0 & 2 != 0 }.count
        let names = try reader.strings()
        let emails = try reader.strings()
        guard names.count == taggerCount, emails.count == taggerCount else {
            throw WalkMemoryArchiveError(description: "\(names.count) tagger names for \(taggerCount) taggers")
        }
        let taggerSeconds = try reader.column(Int64.self, count: taggerCount)
        let taggerOffsets = try reader.column(Int16.self, count: taggerCount)
        let messages = try reader.strings()
        guard messages.count == flags.filter({ $0 & 4 != 0 }).count else {
            throw WalkMemoryArchiveError(description: "\(messages.count) messages for the flagged peels")
        }
        let dateCount = flags.filter { $0 & 8 != 0 }.count
        let dateSeconds = try reader.column(Int64.self, count: dateCount)
        let dateOffsets = try reader.column(Int16.self, count: dateCount)
        guard reader.remaining == 0 else { throw WalkMemoryArchiveError(description: "\(reader.remaining) bytes left over") }
        var peels: [ObjectID: Peel] = [:]
        var tagger = 0, message = 0, date = 0
        for index in 0..<count {
            let flag = flags[index]
            var signature: Signature?
            if flag & 2 != 0 {
                signature = Signature(name: names[tagger], email: emails[tagger],
                                      time: GitTime(seconds: taggerSeconds[tagger], offsetMinutes: taggerOffsets[tagger]))
                tagger += 1
            }
            var text: String?
            if flag & 4 != 0 {
                text = messages[message]
                message += 1
            }
            var when: GitTime?
            if flag & 8 != 0 {
                when = GitTime(seconds: dateSeconds[date], offsetMinutes: dateOffsets[date])
                date += 1
            }
            peels[objects[index]] = Peel(target: targets[index], isAnnotated: flag & 1 != 0, tagger: signature,
                                         message: text, date: when)
        }
        self.init(peels)
    }
}

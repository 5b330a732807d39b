/// What peeling each tag reference gave, by the object the reference names. A git object never changes,
/// so a peel found once holds for good: kept in the history cache, it spares a rescan reading every tag
/// object and tagged commit again (git/git has about 900 annotated tags, a tenth of a warm rescan).
/// Only complete peels are kept (a tag that reaches no commit is peeled again each time, and says why).
/// Used by one thread at a time, like the repository that fills it.
public final class TagPeels: @unchecked Sendable {
    /// A tag reference's peel: the `Tag` without its name.
    public struct Peel: Sendable, Hashable {
        public let target: ObjectID
        public let isAnnotated: Bool
        public let tagger: Signature?
        public let message: String?
        public let date: GitTime?

        public init(target: ObjectID, isAnnotated: Bool, tagger: Signature?, message: String?, date: GitTime?) {
            self.target = target
            self.isAnnotated = isAnnotated
            self.tagger = tagger
            self.message = message
            self.date = date
        }

        func tag(named name: String) -> Tag {
            Tag(name: name, target: target, isAnnotated: isAnnotated, tagger: tagger, message: message, date: date)
        }
    }

    private var peels: [ObjectID: Peel]
    /// The objects the references named in this listing: the peels worth keeping.
    private var met: Set<ObjectID> = []
    private var learnt = false
    /// Whether the references were listed with these peels (else they are kept as they were read).
    private var listed = false

    public init(_ peels: [ObjectID: Peel] = [:]) {
        self.peels = peels
    }

    /// Called when a listing of the references begins: from then on, only the peels it meets are kept.
    func startListing() {
        listed = true
    }

    func peel(of object: ObjectID) -> Peel? {
        met.insert(object)
        return peels[object]
    }

    func remember(_ peel: Peel, of object: ObjectID) {
        peels[object] = peel
        learnt = true
    }

    /// Whether the kept peels differ from what was loaded: some were learnt, or some tags are gone.
    public var changed: Bool { learnt || (listed && peels.keys.contains { !met.contains($0) }) }

    /// The peels of the references listed, by the object each names; every peel when no listing used
    /// them (peels read from a file and written again as they are).
    public var current: [ObjectID: Peel] { listed ? peels.filter { met.contains($0.key) } : peels }

    /// Every peel held.
    public var all: [ObjectID: Peel] { peels }

    public var count: Int { peels.count }
}

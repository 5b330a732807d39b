/// Who is the same person: one person may commit under several addresses. Identities are joined when they
/// share an e-mail address (case-insensitive), a GitHub noreply login (`12345+login@users.noreply.github.com`
/// and `login@users.noreply.github.com`), or a full name of at least two words (a single word such as
/// "admin" or "root" is too common to join people on). Bots are never joined with people.
enum PersonIdentities {
    /// Per identity: the person (0, 1, 2 … in order of first appearance), or -1 where `isBot` says so.
    static func people(of identities: [Identity], isBot: [Bool]) -> [Int32] {
        var parent = Array(0..<identities.count)
        func root(_ index: Int) -> Int {
            var index = index
            while parent[index] != index {
                parent[index] = parent[parent[index]]
                index = parent[index]
            }
            return index
        }
        // One table per kind of key, so that a key needs no prefix to keep the kinds apart.
        var firstWithKey: [[String: Int]] = [[:], [:], [:]]
        func join(_ index: Int, on key: String, kind: Int) {
            if let other = firstWithKey[kind][key] {
                let (a, b) = (root(index), root(other))
                if a != b { parent[max(a, b)] = min(a, b) }
            } else {
                firstWithKey[kind][key] = index
            }
        }
        for (index, identity) in identities.enumerated() where !isBot[index] {
            let keys = keys(of: identity)
            join(index, on: keys.email, kind: 0)
            if let login = keys.login { join(index, on: login, kind: 1) }
            if let name = keys.name { join(index, on: name, kind: 2) }
        }
        var personOfRoot = [Int32](repeating: -1, count: identities.count)
        var people: Int32 = 0
        return identities.indices.map { index in
            if isBot[index] { return -1 }
            let top = root(index)
            if personOfRoot[top] < 0 {
                personOfRoot[top] = people
                people += 1
            }
            return personOfRoot[top]
        }
    }

    /// What joins an identity with others: its lower-cased e-mail address, the login of a GitHub noreply
    /// address, and its lower-cased name of at least two words (single spaces between them).
    struct Keys: Equatable {
        var email: String
        var login: String?
        var name: String?
    }

    static func keys(of identity: Identity) -> Keys {
        let email = identity.email.lowercased()
        let name = identity.name.lowercased()
        // An ASCII name's characters are its bytes: split among them, without breaking it into characters.
        let words = name.utf8.allSatisfy({ $0 < 0x80 })
            ? name.utf8.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 }).map { Substring($0) }
            : name.split(whereSeparator: { $0 == " " || $0 == "\t" })
        return Keys(email: email, login: noreplyLogin(email), name: words.count >= 2 ? words.joined(separator: " ") : nil)
    }

    /// The login of a GitHub noreply address, with or without the numeric id in front.
    static func noreplyLogin(_ email: String) -> String? {
        let suffix = "@users.noreply.github.com"
        guard email.hasSuffix(suffix) else { return nil }
        let local = email.dropLast(suffix.count)
        let login = local.split(separator: "+", maxSplits: 1).last.map(String.init) ?? ""
        return login.isEmpty ? nil : login
    }
}

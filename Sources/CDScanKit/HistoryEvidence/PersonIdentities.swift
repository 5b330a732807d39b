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
        var firstWithKey: [String: Int] = [:]
        for (index, identity) in identities.enumerated() where !isBot[index] {
            for key in keys(of: identity) {
                if let other = firstWithKey[key] {
                    let (a, b) = (root(index), root(other))
                    if a != b { parent[max(a, b)] = min(a, b) }
                } else {
                    firstWithKey[key] = index
                }
            }
        }
        var personOfRoot: [Int: Int32] = [:]
        return identities.indices.map { index in
            if isBot[index] { return -1 }
            let top = root(index)
            if let person = personOfRoot[top] { return person }
            let person = Int32(personOfRoot.count)
            personOfRoot[top] = person
            return person
        }
    }

    static func keys(of identity: Identity) -> [String] {
        let email = identity.email.lowercased()
        var keys = ["e:" + email]
        if let login = noreplyLogin(email) { keys.append("gh:" + login) }
        let name = identity.name.lowercased()
        // An ASCII name's characters are its bytes: split among them, without breaking it into characters.
        let words = name.utf8.allSatisfy({ $0 < 0x80 })
            ? name.utf8.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 }).map { Substring($0) }
            : name.split(whereSeparator: { $0 == " " || $0 == "\t" })
        if words.count >= 2 { keys.append("n:" + words.joined(separator: " ")) }
        return keys
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

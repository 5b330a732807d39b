import CLibGit2

extension ObjectID {
    /// The id git would give these bytes as a blob (`git hash-object`): a content digest computed by
    /// libgit2, used to fingerprint rule sets and report contents.
    public static func blobID(of bytes: [UInt8]) -> ObjectID {
        precondition(GitLibrary.ready)
        var oid = git_oid()
        let code = bytes.withUnsafeBytes { buffer in
            git_odb_hash(&oid, buffer.baseAddress, buffer.count, GIT_OBJECT_BLOB)
        }
        precondition(code == 0, "git_odb_hash cannot fail for a blob held in memory")
        return ObjectID(oid)
    }
}

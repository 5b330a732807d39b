import CDScanKit
import CDScanStore
import Foundation
import GitAccess

/// Does one job's repository work: every read of repository data a batch or a history makes (through
/// libgit2, the parsers and the rules) happens here, which is what runs inside a worker process. Never
/// throws: a repository that cannot be worked on is a `failed` outcome with its reason.
public enum RepositoryWork {
    /// The stage before a scan proper: HEAD read to tell an unchanged repository.
    static let headStage = "reading HEAD"

    /// `stage` hears what is being done, `received` a transfer's bytes so far.
    public static func perform(_ job: WorkerJob, stage: (String) -> Void = { _ in },
                               received: @escaping (Int) -> Void = { _ in }) -> WorkerOutcome {
        switch job.kind {
        case .mirror: return mirror(job, stage: stage, received: received)
        case .scan: return scan(job, stage: stage)
        case .chain: return chain(job, stage: stage)
        case .points: return points(job, stage: stage)
        }
    }

    private static func mirror(_ job: WorkerJob, stage: (String) -> Void, received: @escaping (Int) -> Void) -> WorkerOutcome {
        guard let url = job.url else { return .failed(reason: "no URL to mirror", commit: nil) }
        let stored = job.storedURL ?? url
        let existed = FileManager.default.fileExists(atPath: job.path)
        stage(existed ? "fetching \(stored)" : "cloning \(stored)")
        do {
            try FileManager.default.createDirectory(atPath: URL(fileURLWithPath: job.path).deletingLastPathComponent().path,
                                                    withIntermediateDirectories: true)
            return .mirrored(try GitMirror.update(url: url, storedAs: stored, directory: job.path, progress: received))
        } catch let error as GitError {
            return .failed(reason: "\(existed ? "fetch" : "clone") failed: \(error.message)", commit: nil)
        } catch {
            return .failed(reason: "clone failed: \(DiscoveryError.reason(error))", commit: nil)
        }
    }

    private static func scan(_ job: WorkerJob, stage: (String) -> Void) -> WorkerOutcome {
        guard let settings = job.settings else { return .failed(reason: "no scan settings", commit: nil) }
        stage(headStage)
        // HEAD alone first (its reference, no object read): an unchanged repository is not scanned again.
        if let expected = job.unchangedIfHead, GitRepository.headTarget(path: job.path)?.hex == expected {
            return .unchanged(commit: expected)
        }
        stage("scanning")
        do {
            let result = try Scanner.scan(settings.request(path: job.path))
            let report = ReportDocument(result, toolVersion: settings.toolVersion)
            let record = ScanRecord(repository: job.repository ?? job.path, name: job.name ?? job.path, report: report)
            return .scanned(record: record.withoutReport(), reportJSON: try ScanStore.encodedReport(report))
        } catch {
            let head = try? GitRepository(path: job.path).head().commit.hex
            return .failed(reason: unreadablePart(of: job.path) ?? reason(error), commit: settings.revision ?? head)
        }
    }

    /// Every point of the job from one history walk (see `PointsScanner`); a point that cannot be scanned
    /// is a failed point, a repository that cannot be opened fails the job.
    private static func points(_ job: WorkerJob, stage: (String) -> Void) -> WorkerOutcome {
        guard let settings = job.settings, let points = job.points else { return .failed(reason: "no points to scan", commit: nil) }
        stage("scanning \(points.count) points of the history")
        var outcomes: [PointOutcome] = []
        do {
            try PointsScanner.scan(settings.request(path: job.path), points: points) { _, result in
                do {
                    let report = ReportDocument(try result.get(), toolVersion: settings.toolVersion)
                    let record = ScanRecord(repository: job.repository ?? job.path, name: job.name ?? job.path, report: report)
                    outcomes.append(.scanned(record: record.withoutReport(), reportJSON: try ScanStore.encodedReport(report)))
                } catch {
                    outcomes.append(.failed(reason: reason(error)))
                }
            }
        } catch {
            return .failed(reason: unreadablePart(of: job.path) ?? reason(error), commit: nil)
        }
        return .points(outcomes)
    }

    private static func chain(_ job: WorkerJob, stage: (String) -> Void) -> WorkerOutcome {
        stage("reading the first-parent history")
        do {
            return .chain(try RepositoryHistory.firstParentChain(path: job.path).map { ChainLink(commit: $0.commit, time: $0.time) })
        } catch {
            return .failed(reason: error.description, commit: nil)
        }
    }

    /// libgit2 reports an unreadable object database as a missing reference or object ("looks damaged");
    /// when the scan failed and a part of the git directory cannot be read, that is the better reason.
    static func unreadablePart(of path: String) -> String? {
        let root = URL(fileURLWithPath: path)
        let dotGit = root.appendingPathComponent(".git")
        var isDirectory: ObjCBool = false
        let gitDirectory = FileManager.default.fileExists(atPath: dotGit.path, isDirectory: &isDirectory) && isDirectory.boolValue
            ? dotGit : root
        for part in ["", "objects", "objects/pack", "refs", "refs/heads"] {
            let url = part.isEmpty ? gitDirectory : gitDirectory.appendingPathComponent(part)
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            if access(url.path, R_OK | X_OK) != 0 {
                return "\(path): permission denied: cannot read \(url.path)"
            }
        }
        return nil
    }

    /// One line, whatever the error.
    static func reason(_ error: any Error) -> String {
        let text: String
        switch error {
        case let error as ScanError: text = error.description
        case let error as ScanSetupError: text = error.description
        case let error as GitError: text = error.description
        default: text = "\(error)"
        }
        return text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}

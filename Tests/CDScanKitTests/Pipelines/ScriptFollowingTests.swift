import Testing
@testable import CDScanKit

/// Which repository scripts a command runs, and what a job that runs one is taken to do: the script's
/// words are followed (read, never run), and only its delivery lines count.
@Suite struct ScriptFollowingTests {
    @Test func theScriptACommandRunsIsFoundByItsWords() {
        #expect(ScriptCalls.candidates(in: "./scripts/release.sh v1", folder: "") == ["scripts/release.sh"])
        #expect(ScriptCalls.candidates(in: "bash -e ci/build.sh", folder: "") == ["ci/build.sh"])
        #expect(ScriptCalls.candidates(in: "FOO=1 sudo --preserve-env ./x.sh", folder: "") == ["x.sh"])
        #expect(ScriptCalls.candidates(in: "\"${SCRIPT_DIR}\"/make-images.sh", folder: "docs/releasing") == ["docs/releasing/make-images.sh", "make-images.sh"])
        #expect(ScriptCalls.candidates(in: "\"$(dirname \"$0\")/push.sh\" now", folder: "ci") == ["ci/push.sh", "push.sh"])
        #expect(ScriptCalls.candidates(in: "${{ github.workspace }}/ci/x.sh", folder: "") == ["ci/x.sh"])
        #expect(ScriptCalls.candidates(in: "../up.sh", folder: "a/b") == ["a/up.sh"])
        // Not run: a sourced library, a script that is only handled, a path outside the tree, a glob, another language.
        for segment in ["source ci/lib.sh", ". ci/lib.sh", "chmod +x x.sh", "cat ci/x.sh", "/etc/profile.sh", "../x.sh", "./ci/*.sh", "python x.py", ""] {
            #expect(ScriptCalls.candidates(in: segment, folder: "").isEmpty, "\(segment)")
        }
    }

    static let files = [
        "docs/releasing/make-release.sh": "#!/bin/bash\n# push images\nSCRIPT_DIR=$(dirname \"$0\")\n\"${SCRIPT_DIR}\"/push.sh\nmake chart\ngit push --tags\n",
        "docs/releasing/push.sh": "gcloud builds submit --tag=$IMAGE\n",
        "Makefile": "chart:\n\thelm push chart.tgz oci://registry\n",
        "ci/test.sh": "go test ./...\ntar czf failures.tgz t/\n./ci/test.sh\n",
    ]

    @Test func scriptsAreFollowedIntoTheirLinesAndTheScriptsTheyRun() {
        let runners = TaskRunners(runners: LoadedCatalogues.builtIn.pipelines.runners, tree: SourceTree(files: Self.files))
        // The script's `make chart` is a line of its own: targets are expanded from a pipeline's own steps.
        #expect(runners.followedLines(of: "bash ./docs/releasing/make-release.sh") == [
            .init(text: "SCRIPT_DIR=$(dirname \"$0\")", inScript: true), .init(text: "\"${SCRIPT_DIR}\"/push.sh", inScript: true),
            .init(text: "gcloud builds submit --tag=$IMAGE", inScript: true), .init(text: "make chart", inScript: true),
            .init(text: "git push --tags", inScript: true),
        ])
        // A script that runs itself stops at the depth limit.
        #expect(runners.followedLines(of: "ci/test.sh").count == 3 * TaskRunners.maximumDepth)
        #expect(runners.followedLines(of: "make chart") == [.init(text: "helm push chart.tgz oci://registry", inScript: false)])
        // A recipe that runs a script leads into it.
        let viaMake = TaskRunners(runners: LoadedCatalogues.builtIn.pipelines.runners,
                                  tree: SourceTree(files: ["Makefile": "release:\n\t./docs/releasing/push.sh\n", "docs/releasing/push.sh": "  gcloud builds submit .  \n# done\n"]))
        #expect(viaMake.followedLines(of: "make release") == [
            .init(text: "./docs/releasing/push.sh", inScript: false), .init(text: "gcloud builds submit .", inScript: true),
        ])
    }

    @Test func aJobIsWhatItsScriptsDeliverNotWhatTheyHelpWith() throws {
        var files: [String: String] = [".github/workflows/ci.yml": """
            on: push
            jobs:
              release:
                runs-on: ubuntu-latest
                steps:
                  - run: bash ./docs/releasing/make-release.sh
              check:
                runs-on: ubuntu-latest
                steps:
                  - run: ci/test.sh
            """]
        files.merge(Self.files) { workflow, _ in workflow }
        let pipeline = try #require(PipelineScan.evidence(files).pipelines.first)
        let release = try #require(pipeline.jobs.first { $0.name == "release" })
        #expect(Set(release.kinds).isSuperset(of: [.publish, .release]))
        // The test script's tests and archive are left to the job's own words, which say nothing.
        let check = try #require(pipeline.jobs.first { $0.name == "check" })
        #expect(check.kinds.isEmpty)
    }
}

import Testing
@testable import CDScanKit

@Suite struct ReaderTests {
    @Test func nameGlobs() {
        #expect(NameGlob("go.opentelemetry.io/*").matches("go.opentelemetry.io/otel/sdk"))
        #expect(!NameGlob("prometheus").matches("prometheus-client"))
    }

    @Test func codeownersLastMatchWins() {
        let file = CodeownersFile(path: ".github/CODEOWNERS", text: """
            # comment
            *            @org/everyone
            /infra/      @org/platform
            docs/        @writer
            *.md
            [Section]
            """)
        #expect(file.rules.count == 4)
        #expect(file.owners(of: "src/main.go") == ["@org/everyone"])
        #expect(file.owners(of: "infra/modules/a.tf") == ["@org/platform"])
        #expect(file.owners(of: "README.md").isEmpty)  // the last rule names nobody
        #expect(file.owners(of: "pkg/docs/x.txt") == ["@writer"])
        #expect(file.owners == ["@org/everyone", "@org/platform", "@writer"])
    }

    @Test func dependencyManifests() {
        func names(_ path: String, _ text: String) -> [String] {
            guard let ecosystem = DependencyEcosystem.of(manifest: path) else { return [] }
            return DependencyManifest.dependencies(in: text, ecosystem: ecosystem, path: path).map(\.name).sorted()
        }
        // An indirect requirement is a dependency's dependency, not the project's own.
        #expect(names("go.mod", "module x\n\nrequire (\n\tgithub.com/a/b v1 // indirect\n\tgo.x/y v2\n)\nrequire c.io/d v3\nrequire e.io/f v4 // indirect\n") == ["c.io/d", "go.x/y"])
        #expect(names("package.json", "{\"dependencies\": {\"a\": \"1\"}, \"devDependencies\": {\"@b/c\": \"2\"}, \"scripts\": {\"x\": \"y\"}}") == ["@b/c", "a"])
        #expect(names("requirements-dev.txt", "# c\n-r base.txt\nrequests[socks]>=2\nflask==3\n") == ["flask", "requests"])
        #expect(names("pyproject.toml", "[project]\ndependencies = [\"httpx>=0.27\", 'rich']\n[tool.poetry.dependencies]\npython = \"^3.12\"\npydantic = \"^2\"\n") == ["httpx", "pydantic", "rich"])
        #expect(names("Cargo.toml", "[dependencies]\nserde = \"1\"\n[dependencies.tokio]\nversion = \"1\"\n[dev-dependencies]\nproptest = \"1\"\n") == ["proptest", "serde", "tokio"])
        #expect(names("build.gradle.kts", "implementation(\"io.ktor:ktor-server:2.3.0\")\n") == ["io.ktor:ktor-server"])
        #expect(names("Gemfile", "source 'https://rubygems.org'\ngem 'rails', '~> 7'\n") == ["rails"])
        #expect(names("App/App.csproj", "<PackageReference Include=\"Serilog\" Version=\"3\" />") == ["Serilog"])
        #expect(names("Package.swift", ".package(url: \"https://github.com/apple/swift-log.git\", from: \"1.0.0\"),") == ["github.com/apple/swift-log"])
        #expect(names("composer.json", "{\"require\": {\"monolog/monolog\": \"^3\"}}") == ["monolog/monolog"])
        // Several on a line; a `)` closes a `.package(` before its url; an empty url is no dependency.
        #expect(names("Package.swift", ".package(url: \"git@github.com:a/b.git\"), .package(path: \"x\") url: \"c\", .package( name: \"d\", url: \"\" , url:  \"https://e.org/f\")")
                == ["e.org/f", "github.com/a/b"])
        #expect(names("mix.exs", "[{:phoenix, \"~> 1.7\"}, {:jason, \"~> 1.4\"}]") == ["jason", "phoenix"])
        #expect(DependencyEcosystem.of(manifest: "docs/readme.md") == nil)
    }

    /// Cargo's `[dev-dependencies]` (also per target), npm's `devDependencies` and Composer's `require-dev`
    /// are the tests' and examples' dependencies, not the software's.
    @Test func developmentDependenciesAreMarked() {
        func development(_ path: String, _ text: String) -> [String] {
            guard let ecosystem = DependencyEcosystem.of(manifest: path) else { return [] }
            return DependencyManifest.dependencies(in: text, ecosystem: ecosystem, path: path).filter(\.development).map(\.name).sorted()
        }
        let cargo = "[dependencies]\nserde = \"1\"\n[dev-dependencies]\nproptest = \"1\"\n[dev-dependencies.tower]\nversion = \"0.5\"\n"
            + "[target.'cfg(unix)'.dev-dependencies]\nnix = \"0.29\"\n[build-dependencies]\ncc = \"1\"\n"
        #expect(development("Cargo.toml", cargo) == ["nix", "proptest", "tower"])
        #expect(development("package.json", "{\"dependencies\": {\"a\": \"1\"}, \"devDependencies\": {\"jest\": \"29\"}}") == ["jest"])
        #expect(development("composer.json", "{\"require\": {\"a/b\": \"1\"}, \"require-dev\": {\"phpunit/phpunit\": \"11\"}}") == ["phpunit/phpunit"])
        #expect(development("go.mod", "module x\n\nrequire go.x/y v2\n").isEmpty)
        let pyproject = "[project]\ndependencies = [\"httpx>=0.27\"]\n[project.optional-dependencies]\nserver = [\"uvicorn>=0.30\"]\ntest = [\n  \"pytest>=8\",\n  \"prometheus-client\",\n]\n"
            + "[tool.poetry.group.dev.dependencies]\nruff = \"^0.5\"\n[dependency-groups]\nlint = [\"mypy\"]\n"
        #expect(development("pyproject.toml", pyproject) == ["mypy", "prometheus-client", "pytest", "ruff"])
        #expect(development("requirements-dev.txt", "pytest==8\nprometheus-client\n") == ["prometheus-client", "pytest"])
        #expect(development("requirements.txt", "prometheus-client\n").isEmpty)
        let gemfile = "gem 'rails'\ngroup :development, :test do\n  gem 'rspec-rails'\nend\ngroup :production do\n  gem 'newrelic_rpm'\nend\ngem 'simplecov', group: :test\n"
        #expect(development("Gemfile", gemfile) == ["rspec-rails", "simplecov"])
    }

    @Test func aManifestIsKnownByItsLastName() {
        #expect(DependencyEcosystem.of(manifest: "svc//GO.MOD") == .go)
        #expect(DependencyEcosystem.of(manifest: "web/package.json/") == .npm)
        #expect(DependencyEcosystem.of(manifest: "package.json") == .npm)
        #expect(DependencyEcosystem.of(manifest: "Requirements/dev.txt") == .pypi)
        #expect(DependencyEcosystem.of(manifest: "requirements/") == nil)
        #expect(DependencyEcosystem.of(manifest: "go.mod/x") == nil)
        #expect(DependencyEcosystem.of(manifest: "/") == nil)
        #expect(DependencyEcosystem.of(manifest: "") == nil)
    }

    @Test func aHostileSwiftManifestIsReadInLinearTime() {
        let line = Array(String(repeating: ".package(", count: 100_000).utf8)
        let started = ContinuousClock.now
        #expect(DependencyManifest.packageURLs(in: line).isEmpty)
        #expect(ContinuousClock.now - started < .seconds(2))
    }

    @Test func buildTargetsAndImages() {
        #expect(TaskRunnerRecipes.names(in: ".PHONY: a\nX := 1\nbuild test: deps\n\tgo build\n%.o: %.c\n", format: .makefile, file: "Makefile") == ["build", "test"])
        #expect(TaskRunnerRecipes.names(in: "set shell := [\"bash\"]\n@lint:\n  x\ndeploy env: build\n", format: .justfile, file: "justfile") == ["deploy", "lint"])
        #expect(TaskRunnerRecipes.names(in: "version: '3'\ntasks:\n  build: {}\n  test: {}\n", format: .taskfile, file: "Taskfile.yml") == ["build", "test"])
        let images = ImageReferences.references(in: "FROM golang:1.22 AS build\nFROM build\nFROM scratch\nFROM alpine@sha256:abc\n", path: "Dockerfile")
        #expect(images.map(\.image) == ["golang:1.22", "alpine@sha256:abc"])
        #expect(images.map(\.isPinned) == [false, true])
        #expect(ImageReferences.references(in: "image: \"{{ .Values.image }}\"\n- image: nginx:1\n", path: "a.yaml").map(\.image) == ["nginx:1"])
    }

    @Test func helmTemplatesAreReadWithTheirActionsBlanked() {
        let text = "apiVersion: {{ .Values.api }}\nkind: Deployment\nmetadata:\n  labels:\n    {{- include \"x\" . | nindent 4 }}\n"
        guard case .documents(let documents) = YAMLDocuments.parse(text, path: "t.yaml") else {
            Issue.record("template not read")
            return
        }
        #expect(documents.first?["kind"]?.string == "Deployment")
        if case .malformed(let error) = YAMLDocuments.parse("a: [b\n", path: "x.yaml") {
            #expect(error.description.hasPrefix("x.yaml:2:1:"))
        } else {
            Issue.record("malformed YAML not reported")
        }
    }

    @Test func theReadBudgetIsRespectedAndNoted() throws {
        var catalogue = DetectorCatalogue()
        catalogue.entries = CatalogueExampleTests.catalogue.entries.filter { $0.id == "flagd-flags" }
        catalogue.readBudget = DetectorReadBudget(files: 2, bytes: 1_000)
        let files = (1...5).map { CandidateFile(path: "flags/\($0).json", size: 10) }
        var reads = 0
        let result = DetectionScanner(catalogue: catalogue).scan(files) { _ in
            reads += 1
            return .text("{\"defaultVariant\": \"on\"}")
        }
        #expect(reads == 2)
        #expect(result.detections.count == 2)
        #expect(result.notes.contains { $0.contains("read budget reached") && $0.contains("3 candidate files not read") })
    }

    @Test func binaryAndOversizedFilesAreSkippedWithANote() {
        var catalogue = DetectorCatalogue()
        catalogue.entries = CatalogueExampleTests.catalogue.entries.filter { $0.id == "flagd-flags" }
        let result = DetectionScanner(catalogue: catalogue).scan([CandidateFile(path: "a.json", size: 5), CandidateFile(path: "b.json", size: 9)]) { file in
            file.path == "a.json" ? .binary(size: 5) : .tooLarge(size: 9, cap: 8)
        }
        #expect(result.detections.isEmpty)
        #expect(result.notes == ["a.json: skipped, binary (5 bytes)", "b.json: skipped, 9 bytes is over the 8-byte cap"])
    }
}

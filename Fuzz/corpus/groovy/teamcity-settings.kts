import jetbrains.buildServer.configs.kotlin.*

version = "2024.03"

project {
    buildType(Build)
    buildType(Deploy)
}

object Build : BuildType({
    name = "Build and test"
    steps {
        gradle { tasks = "clean build test" }
        script { scriptContent = "make lint" }
    }
    triggers { vcs { branchFilter = "+:*" } }
    features { pullRequests { provider = github {} } }
})

object Deploy : BuildType({
    name = "Deploy to production"
    templates(DeployTemplate)
    steps { dockerCommand { commandType = build { source = file { path = "Dockerfile" } } } }
    dependencies { snapshot(Build) {} }
    features { approval { approvalRules = "group:ops:1" } }
})

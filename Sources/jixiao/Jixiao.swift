import ArgumentParser
import JixiaoSite

@main
struct Jixiao: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jixiao",
        abstract: "Static report sites for government performance evaluation (绩效管理).",
        discussion: """
        Reads content/ (work plans, indicator systems, results as Markdown, YAML, JSON and CSV), \
        computes every score, ranking and grade exactly, and writes a static HTML site to site/.
        """,
        version: JixiaoVersion.current,
        subcommands: [Build.self, Check.self, Score.self, New.self, Serve.self, ArchiveCommand.self, VerifyCommand.self, Import.self, Export.self])
}

/// The dashboard's stylesheet and scripts, from Assets/ (embedded at build time), inlined into `index.html`
/// (the page loads nothing).
/// Colours: the Okabe–Ito palette, safe for the common colour-vision deficiencies — blue for what is
/// met, vermillion for a deficit that is present, grey for a capability that is missing — and every
/// cell state also has its own mark, so colour is never the only cue.
enum OrgReportAssets {
    static let css = asset("dashboard.css")

    /// Runs first: any later script error is written onto `<html data-script-errors>`, where a headless
    /// browser test can read it from the DOM.
    static let errorTrap = asset("error-trap.js")

    /// Renders the totals, the level distributions and the repositories × characteristics table from the
    /// embedded data, with sorting and filtering. Data goes into the page only through `textContent`,
    /// `title` and `setAttribute`, never as markup.
    static let script = asset("dashboard.js")

    /// A file's text without its final newline: the page closes each tag right after the text.
    private static func asset(_ path: String) -> String {
        guard let text = EmbeddedAssets.files.first(where: { $0.path == path })?.text else {
            // Assets/ is embedded by the build (Plugins/EmbedFiles), so a missing file is a build mistake.
            fatalError("Assets/\(path) is not embedded")
        }
        return text.hasSuffix("\n") ? String(text.dropLast()) : text
    }
}

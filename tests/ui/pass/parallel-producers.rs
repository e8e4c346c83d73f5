//! Two actions in parallel each produce an artifact; one step later, one action reads both.
use vsm::stream;

fn main() {
    let s = stream! {
        pipeline "parallel-producers"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", out: Src }
          | codecommit "Tools" { repository: "tools", branch: "main", out: Tools }
        }

        stage "Build" {
            codebuild "Compile" { in: Src, out: App }
          | codebuild "Docs"    { in: Tools, out: Site }
            codebuild "Package" { in: [App, Site], primary_source: App, out: Bundle }
        }
    };
    let build = &s.stages[1];
    assert_eq!(build.actions[0].run_order, 1);
    assert_eq!(build.actions[1].run_order, 1);
    assert_eq!(build.actions[2].run_order, 2);
}

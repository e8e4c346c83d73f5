//! Two actions in parallel each produce an artifact; one step later, one action reads both.
use vsm::stream;

fn main() {
    let s = stream! {
        pipeline "parallel-producers"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
          | codecommit "Tools" { repository: "tools", branch: "main", outputs: Tools }
        }

        stage "Build" {
            codebuild "Compile" { inputs: Src, outputs: App }
          | codebuild "Docs"    { inputs: Tools, outputs: Site }
            codebuild "Package" { inputs: [App, Site], primary_source: App, outputs: Bundle }
        }
    };
    let build = &s.stages[1];
    assert_eq!(build.actions[0].run_order, 1);
    assert_eq!(build.actions[1].run_order, 1);
    assert_eq!(build.actions[2].run_order, 2);
}

//! CP-COND-13: a variable check reads a variable reference `#{namespace.key}`.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "app"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Build" {
            before_entry: { result: FAIL, rules: [variable_check "OnMain" { variable: "Branch", operator: EQ, value: "main" }] },
            mock "Step"
        }
    };
}

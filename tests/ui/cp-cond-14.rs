//! CP-COND-14: a commands rule runs 1–50 single-line commands of 1–1000 characters.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "app"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Build" {
            before_entry: { result: FAIL, rules: [commands "Smoke" { commands: ["make smoke\nmake more"] }] },
            mock "Step"
        }
    };
}

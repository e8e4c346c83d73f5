//! CP-V2-4: a trigger on a V1 pipeline.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p" {
            type: V1,
            trigger: App { push: { branches: ["main"] } },
        }

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", out: Src }
        }

        stage "Build" {
            mock "Unit"
        }
    };
}

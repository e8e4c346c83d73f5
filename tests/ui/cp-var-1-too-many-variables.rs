//! CP-VAR-1: 51 pipeline variables.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p" {
            variables: [
                V0,
                V1,
                V2,
                V3,
                V4,
                V5,
                V6,
                V7,
                V8,
                V9,
                V10,
                V11,
                V12,
                V13,
                V14,
                V15,
                V16,
                V17,
                V18,
                V19,
                V20,
                V21,
                V22,
                V23,
                V24,
                V25,
                V26,
                V27,
                V28,
                V29,
                V30,
                V31,
                V32,
                V33,
                V34,
                V35,
                V36,
                V37,
                V38,
                V39,
                V40,
                V41,
                V42,
                V43,
                V44,
                V45,
                V46,
                V47,
                V48,
                V49,
                V50,
            ],
        }

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Build" {
            mock "Unit"
        }
    };
}

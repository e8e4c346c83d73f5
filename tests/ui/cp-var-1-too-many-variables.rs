//! CP-VAR-1: 51 pipeline variables.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p" {
            variable: V0,
            variable: V1,
            variable: V2,
            variable: V3,
            variable: V4,
            variable: V5,
            variable: V6,
            variable: V7,
            variable: V8,
            variable: V9,
            variable: V10,
            variable: V11,
            variable: V12,
            variable: V13,
            variable: V14,
            variable: V15,
            variable: V16,
            variable: V17,
            variable: V18,
            variable: V19,
            variable: V20,
            variable: V21,
            variable: V22,
            variable: V23,
            variable: V24,
            variable: V25,
            variable: V26,
            variable: V27,
            variable: V28,
            variable: V29,
            variable: V30,
            variable: V31,
            variable: V32,
            variable: V33,
            variable: V34,
            variable: V35,
            variable: V36,
            variable: V37,
            variable: V38,
            variable: V39,
            variable: V40,
            variable: V41,
            variable: V42,
            variable: V43,
            variable: V44,
            variable: V45,
            variable: V46,
            variable: V47,
            variable: V48,
            variable: V49,
            variable: V50,
        }

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", out: Src }
        }

        stage "Build" {
            mock "Unit"
        }
    };
}

//! CP-ORDER-5: a variable read before the action that sets it.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Build" {
            lambda "Notify" { function: "notify", user_parameters: "#{BuildVars.Version}" }
            codebuild "Compile" { inputs: Src, namespace: BuildVars }
        }
    };
}

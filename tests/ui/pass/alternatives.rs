//! Alternatives: two sources of one name and output, chosen by a template condition, and a
//! stage present only in production.
use vsm::stream;

fn main() {
    let stream = stream! {
        pipeline "app" {
            parameters: [
                SourceType { default: "connection", allowed_values: [connection, codecommit] },
                Env { default: "test", allowed_values: [test, prod] },
            ],
            conditions: [
                UseConnection = !Equals [!Ref SourceType, "connection"],
                IsProd = !Equals [!Ref Env, "prod"],
            ],
        }

        source "Source" {
            connection "Source" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src], when: UseConnection }
          | codecommit "Source" { repository: "app", branch: "main", outputs: [Src], unless: UseConnection }
        }

        stage "Build" {
            mock "Compile" { inputs: [Src] }
        }

        stage "Approve" {
            when: IsProd,
            approval "Release"
        }
    };
    assert_eq!(stream.stages[0].actions[1].unless, ["UseConnection"]);
    assert_eq!(stream.stages[2].when, ["IsProd"]);
}

//! Steps of one name under conditions that compare one parameter with different values never
//! meet, so they may share a name and an output; with the parameter's allowed values, one of
//! them is always there.
use vsm::stream;

fn main() {
    let stream = stream! {
        pipeline "app" {
            parameters: [Env { default: "test", allowed_values: [test, staging, prod] }],
            conditions: [
                IsTest = !Equals [!Ref Env, "test"],
                IsStaging = !Equals [!Ref Env, "staging"],
                IsProd = !Equals [!Ref Env, "prod"],
            ],
        }

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Deploy" {
            mock "Release" { inputs: [Src], outputs: [Out], when: IsTest }
          | mock "Release" { inputs: [Src], outputs: [Out], when: IsStaging }
          | mock "Release" { inputs: [Src], outputs: [Out], when: IsProd }
            mock "Check" { inputs: [Out] }
        }
    };
    assert_eq!(stream.stages[1].actions.len(), 4);
}

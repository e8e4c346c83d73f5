//! `stream!` through a renamed dependency (`flow = { package = "value-stream-map" }`): the
//! expansion names the crate through `$crate`, so it builds, and it builds the stream the
//! builder does.

#[cfg(test)]
mod tests {
    use flow::builder::{codebuild, connection, mock};
    use flow::kinds::GitProvider;
    use flow::ValueStream;

    #[test]
    fn the_macro_works_under_another_name() {
        let from_macro = flow::stream! {
            pipeline "renamed"
            source "Source" {
                connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
            }
            stage "Build" {
                codebuild "Compile" { inputs: Src, compute: BUILD_GENERAL1_MEDIUM }
              | mock "Lint"
            }
        };
        let from_builder = ValueStream::builder("renamed")
            .source("Source", |s| {
                s.action(
                    connection("App", GitProvider::GitHub, "acme/app", "main").outputs(["Src"]),
                )
            })
            .stage("Build", |s| {
                s.action(
                    codebuild("Compile")
                        .inputs(["Src"])
                        .compute(flow::kinds::ComputeType::Medium),
                )
                .action(mock("Lint"))
            })
            .build()
            .unwrap();
        assert_eq!(from_macro, from_builder);
    }
}

//! The typed builder: `build()` needs the source stage and at least one more.
use vsm::builder::connection;
use vsm::kinds::GitProvider;
use vsm::ValueStream;

fn main() {
    let _ = ValueStream::builder("p")
        .source("Source", |s| {
            s.action(connection("App", GitProvider::GitHub, "acme/app", "main").outputs(["Src"]))
        })
        .build();
}

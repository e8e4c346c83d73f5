//! What the integration tests share: the example streams, one way to run the `vsm` binary,
//! one way to find the shared reference folder, one AWS test environment and one fixed test
//! day.
#![allow(dead_code)]

/// A kind's value from its fields, the others at their defaults (kinds are
/// `#[non_exhaustive]`: their fields are set one by one): `kind!(Ecs { cluster: .., ..base })`.
macro_rules! kind {
    ($ty:ident { $($body:tt)* }) => {{
        #[allow(unused_mut, clippy::needless_update)]
        let mut k: $ty = kind!(@base [$($body)*]);
        kind!(@set k $($body)*);
        k
    }};
    (@base [.. $rest:expr]) => { $rest };
    (@base [$head:tt $($tail:tt)*]) => { kind!(@base [$($tail)*]) };
    (@base []) => { ::core::default::Default::default() };
    (@set $k:ident) => {};
    (@set $k:ident .. $rest:expr) => {};
    (@set $k:ident $field:ident : $value:expr) => {
        $k.$field = $value;
    };
    (@set $k:ident $field:ident : $value:expr , $($tail:tt)*) => {
        $k.$field = $value;
        kind!(@set $k $($tail)*);
    };
    (@set $k:ident $field:ident , $($tail:tt)*) => {
        $k.$field = $field;
        kind!(@set $k $($tail)*);
    };
    (@set $k:ident $field:ident) => { $k.$field = $field; };
}

pub mod arbitrary;
pub mod browser;
#[cfg(feature = "deploy")]
pub mod cfn;
#[cfg(feature = "deploy")]
pub mod codepipeline;
#[cfg(feature = "deploy")]
pub mod fault_proxy;
pub mod git;
pub mod kind_examples;
pub mod lint;
pub mod parameterise;
pub mod valid;
pub mod year;

#[path = "../../../examples/streams/mod.rs"]
pub mod streams;

#[path = "../../../examples/streams/macro_streams.rs"]
pub mod macro_streams;

#[path = "../../../examples/future/mod.rs"]
pub mod future;

#[path = "../../../examples/embedded_service.rs"]
pub mod embedded_service;

#[path = "../../../examples/imported_mock_pipeline.rs"]
pub mod imported_macro;

#[path = "../../../examples/imported_mock_pipeline_builder.rs"]
pub mod imported_builder;

use std::path::PathBuf;

use assert_cmd::Command;
use vsm::time::Date;

/// The day tests emit on: the Lambda runtime lifecycle (LMB) is checked against it, so a
/// test gives the same answer on any day it runs.
pub const TEST_DAY: Date = Date::new(2026, 11, 27);

/// Emit options for tests: the defaults, on [`TEST_DAY`].
pub fn emit_options() -> vsm::emit::EmitOptions {
    vsm::emit::EmitOptions {
        today: Some(TEST_DAY),
        ..vsm::emit::EmitOptions::default()
    }
}

/// A valid stream's template, emitted on [`TEST_DAY`].
pub trait Emit {
    /// The template, which must pass the emission-time rules.
    fn template(&self) -> vsm::cfn::Template;
}

impl Emit for vsm::ValueStream {
    fn template(&self) -> vsm::cfn::Template {
        self.to_cloudformation_with(&emit_options())
            .expect("the stream's template passes the emission-time rules")
    }
}

/// What one run of the `vsm` binary printed, and how it ended.
#[derive(Debug)]
pub struct Run {
    /// The exit code (-1 when killed by a signal).
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Run {
    /// Runs a prepared command to its end.
    pub fn of(cmd: &mut Command) -> Self {
        Self::from_output(cmd.output().expect("the vsm binary runs"))
    }

    /// The run a finished process's output records; a panic fails the test.
    pub fn from_output(out: std::process::Output) -> Self {
        let run = Self {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        };
        assert!(
            !run.stderr.contains("panicked"),
            "vsm panicked:\n{}",
            run.stderr
        );
        run
    }
}

/// [`TEST_DAY`] as `SOURCE_DATE_EPOCH`, the day the CLI's date-dependent rules run on.
pub fn test_day_epoch() -> String {
    (TEST_DAY.days() * 86_400).to_string()
}

/// A program of this project (the `vsm` binary or an example) as a process, in the one
/// environment every test uses: the CLI's date-dependent rules on [`TEST_DAY`], dummy AWS
/// credentials, one Region, no profile or credentials file, no instance metadata service, so
/// that no run can reach a real account (a test adds `--endpoint-url` for a local server).
pub fn program(path: impl AsRef<std::ffi::OsStr>) -> std::process::Command {
    let none = std::env::temp_dir().join("vsm-tests-no-aws-files");
    let mut cmd = std::process::Command::new(path);
    cmd.env("SOURCE_DATE_EPOCH", test_day_epoch())
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env("AWS_REGION", "us-east-1")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_CONFIG_FILE", none.join("config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", none.join("credentials"))
        .env_remove("AWS_PROFILE")
        .env_remove("AWS_SESSION_TOKEN")
        .env_remove("AWS_DEFAULT_REGION")
        .env_remove("AWS_MAX_ATTEMPTS")
        .env_remove("AWS_RETRY_MODE")
        .env_remove("AWS_ENDPOINT_URL");
    cmd
}

/// The `vsm` binary as a [`program`].
pub fn process() -> std::process::Command {
    program(env!("CARGO_BIN_EXE_vsm"))
}

/// The `vsm` binary ([`process`]), with empty standard input and a two-minute limit.
pub fn vsm() -> Command {
    let mut cmd = Command::from_std(process());
    cmd.write_stdin("")
        .timeout(std::time::Duration::from_secs(120));
    cmd
}

/// Runs `vsm` with these arguments.
pub fn run(args: &[&str]) -> Run {
    Run::of(vsm().args(args))
}

/// Runs `vsm` with these arguments; it must succeed.
pub fn ok(args: &[&str]) -> Run {
    let run = run(args);
    assert_eq!(run.code, 0, "vsm {args:?}: {}", run.stderr);
    run
}

/// `../shared/fixtures/<name>` (the read-only reference material), or `None` when it is not
/// there. With `VSM_REQUIRE_SHARED=1` (as CI sets it) a missing folder fails the test.
pub fn fixture(name: &str) -> Option<PathBuf> {
    shared("fixtures", name)
}

/// `../shared/reference/<name>` (the rule catalogue, the value-stream reference), as
/// [`fixture`] finds it.
pub fn reference(name: &str) -> Option<PathBuf> {
    shared("reference", name)
}

/// The rule catalogue's text: the shared catalogue (`None` without it, as [`reference`]),
/// then the rows vsm adds (`docs/catalogue.md`).
pub fn catalogue() -> Option<String> {
    let shared = std::fs::read_to_string(reference("codepipeline-rules.md")?).unwrap();
    Some(format!(
        "{shared}\n{}",
        include_str!("../../../docs/catalogue.md")
    ))
}

fn shared(folder: &str, name: &str) -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(folder)
        .join(name);
    if path.exists() {
        return Some(path);
    }
    assert!(
        std::env::var("VSM_REQUIRE_SHARED").as_deref() != Ok("1"),
        "{} is missing (VSM_REQUIRE_SHARED=1)",
        path.display()
    );
    eprintln!("skipped: {} is missing", path.display());
    None
}

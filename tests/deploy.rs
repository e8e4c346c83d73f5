//! deploy, status, list and destroy against a real local endpoint: a moto server on 127.0.0.1,
//! started on a free port for each test and stopped when the test ends.
//!
//! The server comes from `VSM_MOTO_SERVER` (./scripts/test installs moto into its venv and sets
//! it) or `moto_server` on the PATH. Without either, every test here fails and says how to
//! install it: none is skipped.

#[path = "../examples/streams/mod.rs"]
mod streams;

use assert_cmd::Command;
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};
use tempfile::TempDir;

const CONNECTION: &str =
    "ConnectionArn=arn:aws:codeconnections:us-east-1:123456789012:connection/0a1b2c3d-4e5f";

/// A moto server of our own, killed on drop.
struct Moto {
    child: Child,
    port: u16,
    dir: TempDir,
}

fn moto_executable() -> PathBuf {
    if let Some(path) = std::env::var_os("VSM_MOTO_SERVER") {
        let path = PathBuf::from(path);
        assert!(
            path.is_file(),
            "VSM_MOTO_SERVER={} does not exist; run ./scripts/test, which installs moto",
            path.display()
        );
        return path;
    }
    std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .map(|dir| dir.join("moto_server"))
        .find(|p| p.is_file())
        .unwrap_or_else(|| {
            panic!(
                "moto server not found: these tests deploy to a local moto server. Run ./scripts/test \
                 (it installs moto[server] into target/lint-venv and sets VSM_MOTO_SERVER), or \
                 `pip install 'moto[server]'` and put moto_server on the PATH or in VSM_MOTO_SERVER"
            )
        })
}

fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port on 127.0.0.1");
    listener.local_addr().expect("its address").port()
}

/// One HTTP/1.1 request to the server, without signing (moto accepts it); the response.
fn http(port: u16, method: &str, path: &str) -> std::io::Result<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    Ok(response)
}

impl Moto {
    fn start() -> Self {
        let exe = moto_executable();
        let dir = TempDir::new().expect("a temporary directory");
        let log = std::fs::File::create(dir.path().join("moto.log")).expect("a log file");
        for _ in 0..3 {
            let port = free_port();
            let mut child = std::process::Command::new(&exe)
                .args(["-H", "127.0.0.1", "-p", &port.to_string()])
                .stdin(Stdio::null())
                .stdout(log.try_clone().expect("log"))
                .stderr(log.try_clone().expect("log"))
                .spawn()
                .unwrap_or_else(|e| panic!("cannot start {}: {e}", exe.display()));
            let deadline = Instant::now() + Duration::from_secs(60);
            while Instant::now() < deadline {
                if let Ok(Some(_)) = child.try_wait() {
                    break; // exited: the port was taken, try another
                }
                if http(port, "GET", "/moto-api/").is_ok_and(|r| r.starts_with("HTTP/1.1 200")) {
                    return Self { child, port, dir };
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            let _ = child.kill();
            let _ = child.wait();
        }
        let log = std::fs::read_to_string(dir.path().join("moto.log")).unwrap_or_default();
        panic!("moto server did not start on 127.0.0.1; its log:\n{log}");
    }

    fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The `vsm` binary with dummy credentials, pointed at this server; no profile files, no
    /// instance metadata, so nothing leaves the machine.
    fn vsm(&self) -> Command {
        self.vsm_to(&self.endpoint())
    }

    /// The same, pointed at another endpoint.
    fn vsm_to(&self, endpoint: &str) -> Command {
        let mut cmd = Command::cargo_bin("vsm").expect("the vsm binary");
        cmd.env("AWS_ACCESS_KEY_ID", "testing")
            .env("AWS_SECRET_ACCESS_KEY", "testing")
            .env("AWS_REGION", "us-east-1")
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .env("AWS_CONFIG_FILE", self.dir.path().join("no-config"))
            .env(
                "AWS_SHARED_CREDENTIALS_FILE",
                self.dir.path().join("no-credentials"),
            )
            .env_remove("AWS_PROFILE")
            .env_remove("AWS_SESSION_TOKEN")
            .env_remove("AWS_DEFAULT_REGION")
            .args(["--endpoint-url", endpoint])
            .write_stdin("")
            .timeout(Duration::from_secs(120));
        cmd
    }

    fn file(&self, name: &str, content: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, content).expect("write a test file");
        path
    }

    fn stream_file(&self, name: &str, stream: &Value) -> PathBuf {
        self.file(name, &stream.to_string())
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Output of a finished command.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(cmd: &mut Command) -> Run {
    let out = cmd.output().expect("vsm runs");
    let run = Run {
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

/// Asserts a clean failure: the exit code, and one `error:` line on standard error.
fn assert_one_line_error(run: &Run, code: i32, needle: &str) {
    assert_eq!(
        run.code, code,
        "stdout:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(
        lines.len(),
        1,
        "one line expected on stderr:\n{}",
        run.stderr
    );
    assert!(lines[0].starts_with("error: "), "{}", run.stderr);
    assert!(
        run.stderr.contains(needle),
        "{needle:?} not in:\n{}",
        run.stderr
    );
}

/// A small stream of mock steps (with the connection source, so it has the ConnectionArn
/// parameter).
fn small_stream() -> Value {
    json!({
        "name": "checkout",
        "stages": [
            {"name": "Source", "actions": [{
                "name": "App",
                "kind": {"type": "connection", "provider": "git_hub", "repository": "acme/checkout", "branch": "main"},
                "outputs": ["Src"],
                "annotations": {"process_time": "30m", "wait_time": "4h"}
            }]},
            {"name": "Test", "actions": [
                {"name": "Unit", "kind": {"type": "mock"}, "annotations": {"process_time": "9m"}},
                {"name": "Lint", "kind": {"type": "mock"}, "annotations": {"process_time": "2m"}}
            ]}
        ]
    })
}

/// The same stream with a new mock step and a Lambda invoke (which the pipeline role must be
/// allowed to call).
fn changed_stream() -> Value {
    let mut s = small_stream();
    let actions = s["stages"][1]["actions"].as_array_mut().unwrap();
    actions.push(json!({"name": "Fuzz", "run_order": 2, "kind": {"type": "mock"}}));
    actions.push(json!({"name": "Notify", "run_order": 3, "kind": {"type": "lambda", "function": "notify-team"}}));
    s
}

fn position(haystack: &str, needle: &str) -> usize {
    haystack
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in:\n{haystack}"))
}

#[test]
fn create_update_no_op_status_list_destroy() {
    let moto = Moto::start();
    let v1 = moto.stream_file("v1.json", &small_stream());
    let v2 = moto.stream_file("v2.json", &changed_stream());
    let stream = |p: &Path| ["--stream".to_owned(), p.display().to_string()];

    // Create: the change set is shown, then applied, then the console URL.
    let out = run(moto.vsm().args(stream(&v1)).args([
        "deploy",
        "--stack",
        "life",
        "--yes",
        "--parameter",
        CONNECTION,
    ]));
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let shown = position(&out.stdout, "Change set to create stack life: ");
    for resource in [
        "Add     ArtifactBucket ",
        "Add     MockStep ",
        "Add     Pipeline ",
        "Add     PipelineRole ",
    ] {
        assert!(shown < position(&out.stdout, resource));
    }
    let applied = position(&out.stdout, "Creating stack life");
    let done = position(&out.stdout, "Stack life: CREATE_COMPLETE");
    let url = position(
        &out.stdout,
        "Pipeline console: https://us-east-1.console.aws.amazon.com/codesuite/codepipeline/pipelines/checkout/view?region=us-east-1",
    );
    assert!(
        shown < applied && applied < done && done < url,
        "{}",
        out.stdout
    );
    assert!(out
        .stdout
        .contains("ConnectionArn = arn:aws:codeconnections:"));

    let out = run(moto.vsm().args(["status", "--stack", "life"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("status    CREATE_COMPLETE"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("stream    checkout"), "{}", out.stdout);
    assert!(out.stdout.contains("Latest events:"), "{}", out.stdout);

    let out = run(moto.vsm().arg("list"));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.lines().any(|l| l.starts_with("life ")
            && l.contains("checkout")
            && l.contains("CREATE_COMPLETE")),
        "{}",
        out.stdout
    );

    // Update: a second change set naming the changed resources; the connection keeps its value.
    let out = run(moto
        .vsm()
        .args(stream(&v2))
        .args(["deploy", "--stack", "life", "--yes"]));
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert!(
        out.stdout
            .contains("Change set to update stack life: 2 resource changes"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("Modify  Pipeline "), "{}", out.stdout);
    assert!(
        out.stdout.contains("Modify  PipelineRole "),
        "{}",
        out.stdout
    );
    assert!(
        !out.stdout.contains("Modify  ArtifactBucket"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("ConnectionArn (previous value kept)"));
    assert!(
        out.stdout.contains("Stack life: UPDATE_COMPLETE"),
        "{}",
        out.stdout
    );

    // No-op: nothing to change is an answer, not an error.
    let out = run(moto
        .vsm()
        .args(stream(&v2))
        .args(["deploy", "--stack", "life", "--yes"]));
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert!(
        out.stdout
            .contains("No changes: stack life already matches the template and parameters."),
        "{}",
        out.stdout
    );

    // Not confirmed (standard input is not a terminal): shown, not applied, change set gone.
    let out = run(moto
        .vsm()
        .args(stream(&v1))
        .args(["deploy", "--stack", "life"]));
    assert_one_line_error(&out, 2, "standard input is not a terminal");
    assert!(out.stdout.contains("Change set to update stack life"));
    let out = run(moto.vsm().args(["status", "--stack", "life"]));
    assert!(
        out.stdout.contains("status    UPDATE_COMPLETE"),
        "{}",
        out.stdout
    );
    // The stack still holds v2: deploying v2 again changes nothing.
    let out = run(moto
        .vsm()
        .args(stream(&v2))
        .args(["deploy", "--stack", "life", "--preview"]));
    assert!(out.stdout.contains("No changes"), "{}", out.stdout);

    // Destroy asks first; refuses without a terminal.
    let out = run(moto.vsm().args(["destroy", "--stack", "life"]));
    assert_one_line_error(&out, 2, "pass --yes to delete");
    let out = run(moto.vsm().args(["destroy", "--stack", "life", "--yes"]));
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert!(
        out.stdout.contains("ArtifactBucket (AWS::S3::Bucket): "),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("Stack life deleted."), "{}", out.stdout);
    assert!(out
        .stdout
        .contains("Retained (DeletionPolicy Retain): ArtifactBucket "));

    let out = run(moto.vsm().arg("list"));
    assert_eq!(out.code, 0);
    assert_eq!(out.stdout, "No stacks deployed by vsm in us-east-1.\n");
    let out = run(moto.vsm().args(["status", "--stack", "life"]));
    assert_one_line_error(&out, 2, "stack life does not exist in us-east-1");
}

#[test]
fn a_create_not_applied_leaves_no_stack() {
    let moto = Moto::start();
    let v1 = moto.stream_file("v1.json", &small_stream());
    let v1 = v1.display().to_string();

    let out = run(moto.vsm().args([
        "--stream",
        &v1,
        "deploy",
        "--stack",
        "shy",
        "--parameter",
        CONNECTION,
    ]));
    assert_one_line_error(&out, 2, "pass --yes to apply the change set");
    assert!(out.stdout.contains("Change set to create stack shy"));

    let out = run(moto.vsm().args([
        "--stream",
        &v1,
        "deploy",
        "--stack",
        "shy",
        "--preview",
        "--parameter",
        CONNECTION,
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out
        .stdout
        .contains("Preview only: the change set was deleted, nothing was applied."));

    let out = run(moto.vsm().args(["status", "--stack", "shy"]));
    assert_one_line_error(&out, 2, "stack shy does not exist");
    let out = run(moto.vsm().arg("list"));
    assert!(
        out.stdout.starts_with("No stacks deployed by vsm"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_template_the_endpoint_rejects_fails_with_reasons_and_leaves_nothing() {
    let moto = Moto::start();
    // Valid JSON, but a property reads an attribute of a resource the template does not have.
    let bad = moto.file(
        "bad.json",
        &json!({
            "AWSTemplateFormatVersion": "2010-09-09",
            "Resources": {"Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {
                "RetentionInDays": 7,
                "KmsKeyId": {"Fn::GetAtt": ["Nowhere", "Arn"]}
            }}}
        })
        .to_string(),
    );
    let out = run(moto.vsm().args([
        "deploy",
        "--stack",
        "broken",
        "--yes",
        "--template",
        &bad.display().to_string(),
    ]));
    assert_eq!(out.code, 1, "{}\n{}", out.stdout, out.stderr);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert!(out.stderr.starts_with("error: "), "{}", out.stderr);
    assert!(out.stderr.contains("Nowhere"), "the reason: {}", out.stderr);
    assert!(
        out.stderr
            .contains("deleted stack broken, which this deploy had created"),
        "{}",
        out.stderr
    );
    let out = run(moto.vsm().args(["status", "--stack", "broken"]));
    assert_one_line_error(&out, 2, "stack broken does not exist");
}

#[test]
fn a_large_template_goes_through_s3() {
    let moto = Moto::start();
    let largest = serde_json::to_value(&*streams::largest()).unwrap();
    let file = moto.stream_file("largest.json", &largest);
    let file = file.display().to_string();

    // Over 51,200 bytes: inline is refused before anything is sent.
    let out = run(moto.vsm().args([
        "--stream",
        &file,
        "deploy",
        "--stack",
        "big",
        "--yes",
        "--parameter",
        CONNECTION,
    ]));
    assert_one_line_error(&out, 2, "pass --s3-bucket BUCKET");
    assert!(
        out.stderr.contains("over the 51,200 bytes"),
        "{}",
        out.stderr
    );

    // An unknown bucket is one clear line too.
    let out = run(moto.vsm().args([
        "--stream",
        &file,
        "deploy",
        "--stack",
        "big",
        "--yes",
        "--parameter",
        CONNECTION,
        "--s3-bucket",
        "no-such-bucket",
    ]));
    assert_one_line_error(
        &out,
        2,
        "cannot upload the template to s3://no-such-bucket/",
    );

    let created = http(moto.port, "PUT", "/vsm-templates").expect("create the bucket");
    assert!(created.starts_with("HTTP/1.1 200"), "{created}");
    let out = run(moto.vsm().args([
        "--stream",
        &file,
        "deploy",
        "--stack",
        "big",
        "--yes",
        "--parameter",
        CONNECTION,
        "--s3-bucket",
        "vsm-templates",
    ]));
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert!(
        out.stdout.contains("to s3://vsm-templates/vsm/big/"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("Stack big: CREATE_COMPLETE"),
        "{}",
        out.stdout
    );
    let listing = http(moto.port, "GET", "/vsm-templates").expect("list the bucket");
    assert!(listing.contains("<Key>vsm/big/"), "{listing}");

    let out = run(moto.vsm().args(["destroy", "--stack", "big", "--yes"]));
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
}

#[test]
fn aws_problems_are_one_clear_line() {
    let moto = Moto::start();
    let v1 = moto.stream_file("v1.json", &small_stream());
    let v1 = v1.display().to_string();

    for args in [
        &["status", "--stack", "ghost"][..],
        &["destroy", "--stack", "ghost", "--yes"][..],
    ] {
        let out = run(moto.vsm().args(args));
        assert_one_line_error(&out, 2, "stack ghost does not exist in us-east-1");
    }

    // Missing parameter, unknown parameter: refused before any change.
    let out = run(moto
        .vsm()
        .args(["--stream", &v1, "deploy", "--stack", "p", "--yes"]));
    assert_one_line_error(
        &out,
        2,
        "ConnectionArn needs a value: pass --parameter ConnectionArn=...",
    );
    let out = run(moto.vsm().args([
        "--stream",
        &v1,
        "deploy",
        "--stack",
        "p",
        "--yes",
        "--parameter",
        "Nope=1",
    ]));
    assert_one_line_error(
        &out,
        2,
        "the template has no parameter Nope (it has: ConnectionArn)",
    );

    // No credentials anywhere.
    let out = run(moto
        .vsm()
        .env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .arg("list"));
    assert_one_line_error(&out, 2, "no AWS credentials found");

    // No region anywhere.
    let out = run(moto.vsm().env_remove("AWS_REGION").arg("list"));
    assert_one_line_error(&out, 2, "no AWS region: pass --region");

    // An endpoint that does not answer.
    let closed = free_port();
    let out = run(moto
        .vsm_to(&format!("http://127.0.0.1:{closed}"))
        .arg("list"));
    assert_one_line_error(&out, 2, "cannot list the stacks: no answer from AWS");

    let out = run(moto.vsm().arg("list"));
    assert_eq!(out.code, 0);
    assert!(out.stdout.starts_with("No stacks deployed by vsm"));
}

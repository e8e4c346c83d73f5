//! deploy, status, list and destroy against a real local endpoint: a moto server on 127.0.0.1,
//! started on a free port for each test and stopped when the test ends.
//!
//! The server comes from `VSM_MOTO_SERVER` (./scripts/test installs moto into its venv and sets
//! it) or `moto_server` on the PATH. Without either, every test here fails and says how to
//! install it: none is skipped.

use crate::support::cfn;
use crate::support::fault_proxy;
use crate::support::streams;
use crate::support::Run;

use assert_cmd::Command;
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};
use tempfile::TempDir;

use cfn::Cfn;
use fault_proxy::{Fault, FaultProxy};

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
        let mut cmd = Command::from_std(self.process(endpoint));
        cmd.write_stdin("").timeout(Duration::from_secs(120));
        cmd
    }

    /// The `vsm` binary as a process to spawn, in the tests' AWS environment, pointed at
    /// `endpoint`.
    fn process(&self, endpoint: &str) -> std::process::Command {
        let mut cmd = crate::support::process();
        cmd.args(["--endpoint-url", endpoint]);
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

fn run(cmd: &mut Command) -> Run {
    Run::of(cmd)
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
                "kind": {"type": "connection", "provider": "GitHub", "repository": "acme/checkout", "branch": "main"},
                "outputs": ["Src"],
                "annotations": {"process": "30m", "wait": "4h"}
            }]},
            {"name": "Test", "actions": [
                {"name": "Unit", "kind": {"type": "mock"}, "annotations": {"process": "9m"}},
                {"name": "Lint", "kind": {"type": "mock"}, "annotations": {"process": "2m"}}
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

// Deploy under faults: a proxy between vsm and moto throttles, fails, resets and delays
// requests. vsm runs with short timeouts and few attempts, set through its configuration, so
// that the faults cost little time.

/// Timeouts and retries for the fault tests: 4 tries of 2 seconds each, at most 6 seconds per
/// request, 50 ms before the first retry after throttling.
const QUICK: [(&str, &str); 4] = [
    ("VSM_AWS_MAX_ATTEMPTS", "4"),
    ("VSM_AWS_ATTEMPT_TIMEOUT", "2"),
    ("VSM_AWS_OPERATION_TIMEOUT", "6"),
    ("VSM_AWS_INITIAL_BACKOFF", "0.05"),
];

/// A moto server, a fault proxy in front of it, and a client that reads moto directly.
struct Faulty {
    moto: Moto,
    proxy: FaultProxy,
    cfn: Cfn,
}

impl Faulty {
    fn start() -> Self {
        let moto = Moto::start();
        let proxy = FaultProxy::start(moto.port);
        let cfn = Cfn::new(&moto.endpoint());
        // moto loads its CloudFormation backend on the first request, which takes seconds:
        // longer than the quick attempt timeout.
        assert_eq!(cfn.stacks("warm-up"), Vec::<String>::new());
        Self { moto, proxy, cfn }
    }

    /// `vsm` through the proxy, with quick timeouts.
    fn vsm(&self) -> Command {
        let mut cmd = self.moto.vsm_to(&self.proxy.endpoint());
        cmd.envs(QUICK);
        cmd
    }

    /// `vsm` through the proxy as a process of its own, standard streams captured.
    fn spawn(&self, args: &[&str]) -> Child {
        self.moto
            .process(&self.proxy.endpoint())
            .envs(QUICK)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("vsm starts")
    }

    /// `deploy --yes` of a stream file to a stack, straight to moto (no faults).
    fn deploy_directly(&self, stream: &Path, stack: &str) {
        let out = run(self.moto.vsm().args([
            "--stream",
            &stream.display().to_string(),
            "deploy",
            "--stack",
            stack,
            "--yes",
            "--parameter",
            CONNECTION,
        ]));
        assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    }
}

/// Waits for a child to end (at most two minutes); its output.
fn finish(mut child: Child) -> Run {
    let deadline = Instant::now() + Duration::from_secs(120);
    while child.try_wait().expect("the child's status").is_none() {
        assert!(Instant::now() < deadline, "vsm did not end");
        std::thread::sleep(Duration::from_millis(20));
    }
    Run::from_output(child.wait_with_output().expect("its output"))
}

/// Sends SIGINT (Ctrl-C) to a child.
fn interrupt(child: &Child) {
    let pid = libc::pid_t::try_from(child.id()).expect("a pid");
    // SAFETY: kill has no memory effects; the pid is our own child's, not yet reaped.
    let sent = unsafe { libc::kill(pid, libc::SIGINT) };
    assert_eq!(sent, 0, "SIGINT sent");
}

/// Asserts that every action met its fault first and was then tried again.
fn assert_retried(proxy: &FaultProxy, actions: &[&str]) {
    for action in actions {
        let (requests, faulted) = proxy.count(action);
        assert!(
            faulted >= 1 && requests > faulted,
            "{action}: {requests} requests, {faulted} faulted; log: {:?}",
            proxy.log()
        );
    }
}

fn deploy_args<'a>(stream: &'a str, stack: &'a str) -> Vec<&'a str> {
    vec![
        "--stream",
        stream,
        "deploy",
        "--stack",
        stack,
        "--yes",
        "--parameter",
        CONNECTION,
    ]
}

#[test]
fn transient_faults_are_retried_by_every_command() {
    let f = Faulty::start();
    let v1 = f.moto.stream_file("v1.json", &small_stream());
    let v1 = v1.display().to_string();

    let deploy_faults = [
        ("DescribeStacks", Fault::ResetBefore),
        ("ListChangeSets", Fault::Throttle),
        ("CreateChangeSet", Fault::Throttle),
        ("DescribeChangeSet", Fault::Internal),
        ("DescribeStackEvents", Fault::Slow),
        ("ExecuteChangeSet", Fault::Unavailable),
    ];
    for (action, fault) in deploy_faults {
        f.proxy.fail(action, &[fault]);
    }
    let out = run(f.vsm().args(deploy_args(&v1, "calm")));
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert!(
        out.stdout.contains("Stack calm: CREATE_COMPLETE"),
        "{}",
        out.stdout
    );
    assert_retried(&f.proxy, &deploy_faults.map(|(a, _)| a));
    f.cfn.assert_left(
        "calm",
        &["CREATE_COMPLETE"],
        "a deploy with transient faults",
    );

    f.proxy
        .fail("DescribeStacks", &[Fault::Unavailable, Fault::Throttle]);
    f.proxy.fail("DescribeStackEvents", &[Fault::ResetBefore]);
    let out = run(f.vsm().args(["status", "--stack", "calm"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("status    CREATE_COMPLETE"),
        "{}",
        out.stdout
    );

    f.proxy
        .fail("DescribeStacks", &[Fault::Internal, Fault::Slow]);
    let out = run(f.vsm().arg("list"));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.lines().any(|l| l.starts_with("calm ")),
        "{}",
        out.stdout
    );

    let destroy_faults = [
        ("GetTemplate", Fault::Throttle),
        ("DescribeStackResources", Fault::Internal),
        ("DeleteStack", Fault::ResetAfter),
    ];
    for (action, fault) in destroy_faults {
        f.proxy.fail(action, &[fault]);
    }
    let out = run(f.vsm().args(["destroy", "--stack", "calm", "--yes"]));
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("Stack calm deleted."), "{}", out.stdout);
    assert_retried(&f.proxy, &destroy_faults.map(|(a, _)| a));
    f.cfn
        .assert_left("calm", &[], "a destroy with transient faults");
}

#[test]
fn lost_answers_to_changing_requests_leave_nothing_behind() {
    let f = Faulty::start();
    let v1 = f.moto.stream_file("v1.json", &small_stream());
    let v1 = v1.display().to_string();
    let v2 = f.moto.stream_file("v2.json", &changed_stream());
    let v2 = v2.display().to_string();

    // The server makes the change set and applies it, but the answers are lost: the repeated
    // requests must neither leave a second change set (or stack) nor fail.
    f.proxy.fail("CreateChangeSet", &[Fault::ResetAfter]);
    f.proxy.fail("ExecuteChangeSet", &[Fault::Slow]);
    let out = run(f.vsm().args(deploy_args(&v1, "lossy")));
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert!(
        out.stdout.contains("Stack lossy: CREATE_COMPLETE"),
        "{}",
        out.stdout
    );
    assert_retried(&f.proxy, &["CreateChangeSet", "ExecuteChangeSet"]);
    f.cfn.assert_left(
        "lossy",
        &["CREATE_COMPLETE"],
        "a create whose answers were lost",
    );

    // A preview whose create and delete answers are lost.
    f.proxy.fail("CreateChangeSet", &[Fault::Slow]);
    f.proxy.fail("DeleteChangeSet", &[Fault::ResetAfter]);
    let out = run(f
        .vsm()
        .args(["--stream", &v2, "deploy", "--stack", "lossy", "--preview"]));
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("Preview only"), "{}", out.stdout);
    f.cfn.assert_left(
        "lossy",
        &["CREATE_COMPLETE"],
        "a preview whose answers were lost",
    );
    assert!(
        !f.cfn.template("lossy").contains("Fuzz"),
        "the preview changed the stack"
    );
}

#[test]
fn persistent_faults_end_in_one_clear_error_and_leave_nothing() {
    let f = Faulty::start();
    let v1 = f.moto.stream_file("v1.json", &small_stream());
    let v1 = v1.display().to_string();

    // Every try makes a change set (and a stack) whose answer is lost.
    f.proxy.always("CreateChangeSet", Fault::ResetAfter);
    let out = run(f.vsm().args(deploy_args(&v1, "doomed")));
    assert_one_line_error(
        &out,
        2,
        "cannot create a change set for stack doomed: no answer from AWS",
    );
    assert_eq!(f.proxy.count("CreateChangeSet").0, 4, "4 tries");
    f.cfn
        .assert_left("doomed", &[], "creates that never answered");
    f.proxy.clear();

    f.proxy.always("ExecuteChangeSet", Fault::Internal);
    let out = run(f.vsm().args(deploy_args(&v1, "doomed")));
    assert_one_line_error(
        &out,
        2,
        "applying the change set failed: InternalFailure: injected fault: InternalFailure; \
         deleted stack doomed, which this deploy had created",
    );
    f.cfn
        .assert_left("doomed", &[], "an apply that always failed");
    f.proxy.clear();

    f.proxy.always("DescribeChangeSet", Fault::Slow);
    let out = run(f.vsm().args(deploy_args(&v1, "doomed")));
    assert_one_line_error(&out, 2, "cannot read the change set: no answer from AWS");
    f.cfn
        .assert_left("doomed", &[], "a change set that could not be read");
    f.proxy.clear();

    f.deploy_directly(Path::new(&v1), "kept");
    f.proxy.always("DescribeStacks", Fault::Throttle);
    let out = run(f.vsm().args(["status", "--stack", "kept"]));
    assert_one_line_error(
        &out,
        2,
        "cannot look up stack kept: Throttling: injected fault",
    );
    f.proxy.always("DescribeStacks", Fault::ResetBefore);
    let out = run(f.vsm().arg("list"));
    assert_one_line_error(&out, 2, "cannot list the stacks: no answer from AWS");
    f.proxy.clear();

    f.proxy.always("DeleteStack", Fault::Unavailable);
    let out = run(f.vsm().args(["destroy", "--stack", "kept", "--yes"]));
    assert_one_line_error(
        &out,
        2,
        "cannot delete stack kept: ServiceUnavailable: injected fault",
    );
    f.cfn
        .assert_left("kept", &["CREATE_COMPLETE"], "a destroy that always failed");
}

#[test]
fn sigint_during_a_deploy_deletes_its_change_set() {
    let f = Faulty::start();
    let v1 = f.moto.stream_file("v1.json", &small_stream());
    let v1 = v1.display().to_string();
    let v2 = f.moto.stream_file("v2.json", &changed_stream());
    let v2 = v2.display().to_string();
    let wait = Duration::from_secs(60);

    // While it polls the change set of a new stack.
    f.proxy.fail("DescribeChangeSet", &[Fault::HoldAfter]);
    let child = f.spawn(&deploy_args(&v1, "sig"));
    assert!(
        f.proxy.wait_for_hold("DescribeChangeSet", wait),
        "{:?}",
        f.proxy.log()
    );
    interrupt(&child);
    let out = finish(child);
    assert_one_line_error(&out, 130, "interrupted: deleted change set vsm-");
    assert!(
        out.stderr
            .contains("of stack sig, and the empty stack it had created; nothing was applied"),
        "{}",
        out.stderr
    );
    f.cfn
        .assert_left("sig", &[], "SIGINT while polling a new stack's change set");

    // While the answer to the create is on its way: the change set is found by its name.
    f.proxy.fail("CreateChangeSet", &[Fault::HoldAfter]);
    let child = f.spawn(&deploy_args(&v1, "sig"));
    assert!(
        f.proxy.wait_for_hold("CreateChangeSet", wait),
        "{:?}",
        f.proxy.log()
    );
    interrupt(&child);
    let out = finish(child);
    assert_one_line_error(&out, 130, "interrupted: deleted change set vsm-");
    f.cfn
        .assert_left("sig", &[], "SIGINT before the create's answer");

    // An update: the stack keeps its template.
    f.deploy_directly(Path::new(&v1), "sig");
    let before = f.cfn.template("sig");
    f.proxy.fail("DescribeChangeSet", &[Fault::HoldAfter]);
    let child = f.spawn(&deploy_args(&v2, "sig"));
    assert!(
        f.proxy.wait_for_hold("DescribeChangeSet", wait),
        "{:?}",
        f.proxy.log()
    );
    interrupt(&child);
    let out = finish(child);
    assert_one_line_error(&out, 130, "interrupted: deleted change set vsm-");
    assert!(
        out.stderr.contains("of stack sig; nothing was applied"),
        "{}",
        out.stderr
    );
    f.cfn
        .assert_left("sig", &["CREATE_COMPLETE"], "SIGINT during an update");
    assert_eq!(
        f.cfn.template("sig"),
        before,
        "the stack's template changed"
    );
}

/// Reads a child's output on a thread; `wait_for` blocks until some text has appeared.
struct Output(std::sync::Arc<std::sync::Mutex<String>>);

impl Output {
    fn collect(mut from: impl Read + Send + 'static) -> Self {
        let text = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let sink = std::sync::Arc::clone(&text);
        std::thread::spawn(move || {
            let mut chunk = [0u8; 4096];
            while let Ok(n) = from.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&chunk[..n]));
            }
        });
        Self(text)
    }

    fn text(&self) -> String {
        self.0.lock().unwrap().clone()
    }

    fn wait_for(&self, needle: &str) {
        let deadline = Instant::now() + Duration::from_secs(60);
        while !self.text().contains(needle) {
            assert!(
                Instant::now() < deadline,
                "{needle:?} never came:\n{}",
                self.text()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

#[test]
fn ctrl_c_at_the_question_deletes_the_change_set() {
    let f = Faulty::start();
    let v1 = f.moto.stream_file("v1.json", &small_stream());
    let v1 = v1.display().to_string();
    // `script` runs vsm on a terminal of its own, so that vsm asks; typing Ctrl-C on that
    // terminal sends SIGINT to vsm as it would for a person.
    let mut process = f.moto.process(&f.proxy.endpoint());
    process.args([
        "--stream",
        &v1,
        "deploy",
        "--stack",
        "asked",
        "--parameter",
        CONNECTION,
    ]);
    let line = std::iter::once(process.get_program())
        .chain(process.get_args())
        .map(|a| format!("'{}'", a.to_string_lossy()))
        .collect::<Vec<_>>()
        .join(" ");
    let mut script = std::process::Command::new("script");
    for (key, value) in process.get_envs() {
        match value {
            Some(value) => script.env(key, value),
            None => script.env_remove(key),
        };
    }
    let mut child = script
        .args(["--quiet", "--return", "--command", &line, "/dev/null"])
        .envs(QUICK)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("script (util-linux) runs vsm on a terminal");
    let output = Output::collect(child.stdout.take().expect("its output"));
    output.wait_for("Apply this change set to stack asked? [y/N]");
    assert_eq!(
        f.cfn.unapplied_change_sets("asked").len(),
        1,
        "the change set waits"
    );
    let mut keyboard = child.stdin.take().expect("its input");
    keyboard.write_all(b"\x03").expect("Ctrl-C typed");
    keyboard.flush().expect("typed");
    let status = child.wait().expect("script ends");
    let text = output.text();
    assert_eq!(status.code(), Some(130), "{text}");
    assert!(
        text.contains("error: interrupted: deleted change set vsm-")
            && text.contains(
                "of stack asked, and the empty stack it had created; nothing was applied"
            ),
        "{text}"
    );
    f.cfn.assert_left("asked", &[], "Ctrl-C at the question");
}

#[test]
fn a_second_deploy_of_a_busy_stack_changes_nothing() {
    let f = Faulty::start();
    let v1 = f.moto.stream_file("v1.json", &small_stream());
    let v1 = v1.display().to_string();
    let wait = Duration::from_secs(60);

    // The first deploy has made its change set and waits; the second is refused.
    f.proxy.fail("DescribeChangeSet", &[Fault::HoldAfter]);
    let first = f.spawn(&deploy_args(&v1, "shared"));
    assert!(
        f.proxy.wait_for_hold("DescribeChangeSet", wait),
        "{:?}",
        f.proxy.log()
    );
    let second = run(f.moto.vsm().args(deploy_args(&v1, "shared")));
    assert_one_line_error(&second, 2, "stack shared is busy: change set vsm-");
    assert_eq!(f.cfn.stacks("shared"), ["REVIEW_IN_PROGRESS"]);
    assert_eq!(
        f.cfn.unapplied_change_sets("shared").len(),
        1,
        "only the first deploy's"
    );
    f.proxy.release("DescribeChangeSet");
    let out = finish(first);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    f.cfn
        .assert_left("shared", &["CREATE_COMPLETE"], "two deploys at once");

    // Both start before either has a change set: the later change set gives way.
    f.proxy.fail("CreateChangeSet", &[Fault::HoldBefore]);
    let late = f.spawn(&deploy_args(&v1, "raced"));
    assert!(
        f.proxy.wait_for_hold("CreateChangeSet", wait),
        "{:?}",
        f.proxy.log()
    );
    f.proxy.fail("DescribeChangeSet", &[Fault::HoldAfter]);
    let early = f.spawn(&deploy_args(&v1, "raced"));
    assert!(
        f.proxy.wait_for_hold("DescribeChangeSet", wait),
        "{:?}",
        f.proxy.log()
    );
    f.proxy.release("CreateChangeSet");
    let out = finish(late);
    assert_one_line_error(&out, 2, "stack raced is busy: change set vsm-");
    f.proxy.release("DescribeChangeSet");
    let out = finish(early);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    f.cfn
        .assert_left("raced", &["CREATE_COMPLETE"], "two deploys started at once");
}

/// A JSON-protocol call to one service of the server (moto routes by the credential scope and
/// does not check the signature); the response body.
fn json_api(port: u16, service: &str, target: &str, body: &Value) -> Value {
    let body = body.to_string();
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "POST / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/x-amz-json-1.1\r\n\
         X-Amz-Target: {target}\r\nAuthorization: AWS4-HMAC-SHA256 Credential=testing/20250101/us-east-1/{service}/aws4_request, SignedHeaders=host, Signature=0\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").expect("a response");
    assert!(head.starts_with("HTTP/1.1 200"), "{target}: {response}");
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{target}: {e}: {body}"))
}

/// The live view deploys: the rule on the pipeline's events, the log group it delivers to
/// with its resource policy, and the dashboard.
#[test]
fn live_view_deploys() {
    let moto = Moto::start();
    let mut stream = small_stream();
    stream["settings"] = json!({"dashboard": true});
    let file = moto.stream_file("live.json", &stream);
    let out = run(moto
        .vsm()
        .args(["--stream", &file.display().to_string()])
        .args([
            "deploy",
            "--stack",
            "live",
            "--yes",
            "--parameter",
            CONNECTION,
        ]));
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let cfn = Cfn::new(&moto.endpoint());
    let resources = cfn.resources("live");
    for (id, type_name) in [
        ("PipelineEventsLogs", "AWS::Logs::LogGroup"),
        ("PipelineEventsLogsPolicy", "AWS::Logs::ResourcePolicy"),
        ("PipelineEventsRule", "AWS::Events::Rule"),
        ("PipelineDashboard", "AWS::CloudWatch::Dashboard"),
    ] {
        let row = resources
            .iter()
            .find(|r| r.0 == id)
            .unwrap_or_else(|| panic!("{id} not in {resources:?}"));
        assert_eq!(
            (row.1.as_str(), row.3.as_str()),
            (type_name, "CREATE_COMPLETE"),
            "{row:?}"
        );
        assert!(!row.2.is_empty(), "{id} has a physical id");
    }
    // The services hold them.
    let groups = json_api(
        moto.port,
        "logs",
        "Logs_20140328.DescribeLogGroups",
        &json!({"logGroupNamePrefix": "/aws/events/vsm/live/"}),
    );
    let groups = groups["logGroups"].as_array().unwrap();
    assert_eq!(groups.len(), 1, "{groups:?}");
    assert_eq!(groups[0]["retentionInDays"], 365);
    let rules = json_api(moto.port, "events", "AWSEvents.ListRules", &json!({}));
    let rule = rules["Rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| {
            r["EventPattern"]
                .as_str()
                .is_some_and(|p| p.contains("aws.codepipeline"))
        })
        .unwrap_or_else(|| panic!("no rule on the pipeline's events: {rules}"));
    let pattern: Value = serde_json::from_str(rule["EventPattern"].as_str().unwrap()).unwrap();
    assert_eq!(pattern["detail"]["pipeline"], json!(["checkout"]));
    let targets = json_api(
        moto.port,
        "events",
        "AWSEvents.ListTargetsByRule",
        &json!({"Rule": rule["Name"]}),
    );
    let arn = targets["Targets"][0]["Arn"].as_str().unwrap();
    assert!(
        arn.contains(":log-group:/aws/events/vsm/live/"),
        "{targets}"
    );
}

/// One unsigned POST to an AWS API on the server (moto picks the service from the credential
/// scope); the response.
fn post(port: u16, service: &str, headers: &[(&str, &str)], body: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("moto answers");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut request = format!(
        "POST / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: {}\r\nConnection: close\r\n\
         Authorization: AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/{service}/aws4_request, SignedHeaders=host, Signature=0\r\n",
        body.len()
    );
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    request.push_str(body);
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

/// `vsm import --pipeline` against moto: a pipeline made with the CodePipeline API
/// (CreatePipeline, its role made with IAM first) comes back with its stages, actions, run
/// orders, artifacts and configuration.
#[test]
fn import_reads_a_pipeline_created_in_moto() {
    let moto = Moto::start();
    let trust = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"codepipeline.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;
    let form = format!(
        "Action=CreateRole&Version=2010-05-08&RoleName=shop-pipeline&AssumeRolePolicyDocument={}",
        trust
            .bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' =>
                    (b as char).to_string(),
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    );
    let made = post(
        moto.port,
        "iam",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        &form,
    );
    assert!(made.starts_with("HTTP/1.1 200"), "{made}");
    let declaration = json!({"pipeline": {
        "name": "shop",
        "roleArn": "arn:aws:iam::123456789012:role/shop-pipeline",
        "artifactStore": {"type": "S3", "location": "shop-artifacts"},
        "stages": [
            {"name": "Source", "actions": [{
                "name": "App",
                "actionTypeId": {"category": "Source", "owner": "AWS", "provider": "CodeStarSourceConnection", "version": "1"},
                "configuration": {"ConnectionArn": "arn:aws:codeconnections:us-east-1:123456789012:connection/abcd", "FullRepositoryId": "acme/shop", "BranchName": "main"},
                "outputArtifacts": [{"name": "Src"}],
                "runOrder": 1
            }]},
            {"name": "Build", "actions": [
                {"name": "Unit",
                 "actionTypeId": {"category": "Build", "owner": "AWS", "provider": "CodeBuild", "version": "1"},
                 "configuration": {"ProjectName": "shop-unit"},
                 "inputArtifacts": [{"name": "Src"}],
                 "runOrder": 1},
                {"name": "Approve",
                 "actionTypeId": {"category": "Approval", "owner": "AWS", "provider": "Manual", "version": "1"},
                 "runOrder": 2}
            ]}
        ]
    }});
    let made = post(
        moto.port,
        "codepipeline",
        &[
            ("Content-Type", "application/x-amz-json-1.1"),
            ("X-Amz-Target", "CodePipeline_20150709.CreatePipeline"),
        ],
        &declaration.to_string(),
    );
    assert!(made.starts_with("HTTP/1.1 200"), "{made}");

    let out = run(moto
        .vsm()
        .args(["import", "--pipeline", "shop", "--to", "json"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let stream: Value = serde_json::from_str(&out.stdout).expect("the JSON form");
    assert_eq!(stream["name"], "shop");
    let stages = stream["stages"].as_array().unwrap();
    assert_eq!(stages.len(), 2);
    assert_eq!(stages[0]["actions"][0]["kind"]["type"], "connection");
    assert_eq!(stages[0]["actions"][0]["kind"]["repository"], "acme/shop");
    assert_eq!(stages[0]["actions"][0]["outputs"], json!(["Src"]));
    let build = stages[1]["actions"].as_array().unwrap();
    assert_eq!(build[0]["name"], "Unit");
    assert_eq!(build[0]["inputs"], json!(["Src"]));
    assert_eq!(build[1]["kind"]["type"], "approval");
    assert_eq!(build[1]["run_order"].as_u64().unwrap_or(1), 2, "{stream}");
}

/// `DescribeStacks` of one stack in one account and Region of the server (moto keeps each
/// account's state apart and takes the account from `x-moto-account-id`): its status, or
/// `None` when the stack does not exist there.
fn stack_status(port: u16, account: &str, region: &str, stack: &str) -> Option<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("moto answers");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let body = format!("Action=DescribeStacks&Version=2010-05-15&StackName={stack}");
    write!(
        stream,
        "POST / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         x-moto-account-id: {account}\r\n\
         Authorization: AWS4-HMAC-SHA256 Credential=testing/20260101/{region}/cloudformation/aws4_request, SignedHeaders=host, Signature=0\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let start = response.find("<StackStatus>")? + "<StackStatus>".len();
    let end = response[start..].find('<')? + start;
    Some(response[start..end].to_owned())
}

/// The multi-account example deploys as separate accounts: the artifact store of its second
/// Region and the roles of the test and production accounts first, each in its own account
/// and Region (assuming a role there), then the pipeline in the tools account.
#[test]
fn multi_account_stream_deploys_to_its_accounts_and_regions() {
    use crate::support::streams::{PRODUCTION_ACCOUNT, TEST_ACCOUNT, TOOLS_ACCOUNT};
    let moto = Moto::start();
    let mut stream = serde_json::to_value(streams::multi_account()).unwrap();
    // moto's CloudFormation does not create CodeBuild projects (a `Fn::GetAtt` on one fails):
    // the build is a mock step here, with the same artifacts; the accounts and Regions are the
    // example's.
    let build = &mut stream["stages"][1]["actions"][0];
    assert_eq!(build["kind"]["type"], "codebuild", "{build}");
    build["kind"] = serde_json::json!({"type": "mock"});
    let file = moto.stream_file("multi.json", &stream);
    let out = run(moto
        .vsm()
        .args(["--stream", &file.display().to_string()])
        .args([
            "deploy",
            "--stack",
            "shop-delivery",
            "--yes",
            "--parameter",
            CONNECTION,
            "--parameter",
            "DeployPolicyArns=arn:aws:iam::aws:policy/ReadOnlyAccess",
        ]));
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let order: Vec<usize> = [
        "Template 1 of 4: stack shop-delivery-region-us-east-1 in account 111111111111, us-east-1",
        "Template 2 of 4: stack shop-delivery-account-222222222222 in account 222222222222, eu-west-1",
        "Template 3 of 4: stack shop-delivery-account-333333333333 in account 333333333333, eu-west-1",
        "Template 4 of 4: stack shop-delivery in account 111111111111, eu-west-1 (the pipeline)",
    ]
    .iter()
    .map(|line| position(&out.stdout, line))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{}", out.stdout);
    let placed = [
        (TOOLS_ACCOUNT, "us-east-1", "shop-delivery-region-us-east-1"),
        (
            TEST_ACCOUNT,
            "eu-west-1",
            "shop-delivery-account-222222222222",
        ),
        (
            PRODUCTION_ACCOUNT,
            "eu-west-1",
            "shop-delivery-account-333333333333",
        ),
        (TOOLS_ACCOUNT, "eu-west-1", "shop-delivery"),
    ];
    for (account, region, stack) in placed {
        assert_eq!(
            stack_status(moto.port, account, region, stack).as_deref(),
            Some("CREATE_COMPLETE"),
            "{stack} in {account} {region}"
        );
    }
    // Each stack is only where it belongs: not in the caller's own account, nor in another.
    for (account, region, stack) in placed {
        for other in [
            "123456789012",
            TOOLS_ACCOUNT,
            TEST_ACCOUNT,
            PRODUCTION_ACCOUNT,
        ] {
            if other != account {
                assert_eq!(
                    stack_status(moto.port, other, region, stack),
                    None,
                    "{stack} in {other}"
                );
            }
        }
    }
}

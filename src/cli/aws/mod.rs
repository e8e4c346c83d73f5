//! deploy, status, list and destroy through the AWS SDK for Rust (the `deploy` feature).
//!
//! Credentials and region come from aws-config's default chain (environment, profile files, SSO,
//! container and instance roles), narrowed by `--profile` and `--region`; `--endpoint-url` sends
//! every request to a local endpoint such as moto. Timeouts and retries are set in [`retries`].

mod apply;
mod change_set;
mod deploy;
mod describe;
mod history;
mod interrupt;
mod live_import;
mod on_stack;
mod progress;
mod retries;
mod stacks;

pub(crate) use deploy::deploy;
pub(crate) use history::{read_history, HistoryRequest};
pub(crate) use live_import::import_pipeline;
pub(crate) use stacks::{destroy, list, status};

use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_sdk_cloudformation::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};
use aws_sdk_cloudformation::types::{Stack, StackEvent};
use aws_sdk_cloudformation::Client;
use std::future::Future;
use std::io::{BufRead, IsTerminal, Write};

use super::{Failure, Global, Result};
use crate::diagnostic::quote;

/// The tag vsm puts on every stack it deploys: its value is the stream's name.
pub(crate) const STREAM_TAG: &str = "vsm:stream";

/// What AWS calls need: clients and the region they talk to.
pub(crate) struct Aws {
    pub cfn: Client,
    pub s3: aws_sdk_s3::Client,
    pub region: String,
}

/// Runs a future on a single-threaded runtime.
pub(crate) fn block_on<F: Future>(future: F) -> Result<F::Output> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::trouble(format!("cannot start the async runtime: {e}")))?;
    let out = runtime.block_on(future);
    // A question interrupted by Ctrl-C leaves a thread blocked on reading standard input:
    // do not wait for it.
    runtime.shutdown_background();
    Ok(out)
}

/// Loads the AWS configuration and checks that it has a region and credentials.
pub(crate) async fn connect(global: &Global) -> Result<Aws> {
    let config = load(global).await?;
    check_credentials(&config, global).await?;
    Aws::of(&config, global)
}

/// The AWS configuration of `--region`, `--profile` and `--endpoint-url` (and the default
/// chain).
pub(crate) async fn load(global: &Global) -> Result<SdkConfig> {
    let patience = retries::Patience::from_env()?;
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .retry_config(patience.retry_config())
        .timeout_config(patience.timeout_config());
    if let Some(region) = &global.region {
        loader = loader.region(Region::new(region.clone()));
    }
    if let Some(profile) = &global.profile {
        loader = loader.profile_name(profile);
    }
    if let Some(url) = &global.endpoint_url {
        loader = loader.endpoint_url(url);
    }
    Ok(loader.load().await)
}

impl Aws {
    /// The clients of a configuration, which must have a region.
    pub(crate) fn of(config: &SdkConfig, global: &Global) -> Result<Self> {
        let region = config.region().map(|r| r.to_string()).ok_or_else(|| {
            Failure::trouble(
                "no AWS region: pass --region, set AWS_REGION, or give the profile a region",
            )
        })?;
        let s3_config = aws_sdk_s3::config::Builder::from(config)
            // A local endpoint serves buckets by path, not by host name.
            .force_path_style(global.endpoint_url.is_some())
            .build();
        Ok(Self {
            cfn: Client::new(config),
            s3: aws_sdk_s3::Client::from_conf(s3_config),
            region,
        })
    }
}

/// The account the credentials of `config` belong to.
pub(crate) async fn caller_account(config: &SdkConfig) -> Result<String> {
    aws_sdk_sts::Client::new(config)
        .get_caller_identity()
        .send()
        .await
        .map_err(|e| aws_error("cannot tell which account the credentials are for", e))?
        .account
        .ok_or_else(|| Failure::trouble("STS did not say which account the credentials are for"))
}

/// The configuration of `account`: the credentials of `config` when they are that account's,
/// else a profile given for it (`--account-profile`), else the role `role` assumed there.
pub(crate) async fn in_account(
    global: &Global,
    region: Option<&str>,
    caller: &str,
    account: Option<&str>,
    profiles: &[(String, String)],
    role: &str,
) -> Result<Aws> {
    let mut here = global.clone();
    if let Some(r) = region {
        here.region = Some(r.to_owned());
    }
    let Some(account) = account.filter(|a| *a != caller) else {
        return connect(&here).await;
    };
    if let Some((_, profile)) = profiles.iter().find(|(a, _)| a == account) {
        here.profile = Some(profile.clone());
        return connect(&here).await;
    }
    let config = load(&here).await?;
    check_credentials(&config, &here).await?;
    let partition = match here
        .region
        .as_deref()
        .or(config.region().map(|r| r.as_ref()))
    {
        Some(r) if r.starts_with("cn-") => "aws-cn",
        Some(r) if r.starts_with("us-gov-") => "aws-us-gov",
        _ => "aws",
    };
    let arn = format!("arn:{partition}:iam::{account}:role/{role}");
    let provider = aws_config::sts::AssumeRoleProvider::builder(&arn)
        .session_name("vsm-deploy")
        .configure(&config)
        .build()
        .await;
    let assumed = config
        .into_builder()
        .credentials_provider(
            aws_credential_types::provider::SharedCredentialsProvider::new(provider),
        )
        .build();
    check_credentials(&assumed, &here).await.map_err(|f| {
        Failure::trouble(format!(
            "cannot assume role {arn} to deploy in account {account} ({}); pass --account-role NAME, or --account-profile {account}=PROFILE",
            f.message
        ))
    })?;
    Aws::of(&assumed, &here)
}

async fn check_credentials(config: &SdkConfig, global: &Global) -> Result<()> {
    use aws_sdk_cloudformation::config::ProvideCredentials;
    let missing = || {
        let profile = global
            .profile
            .as_deref()
            .map(|p| format!(" for profile {p}"))
            .unwrap_or_default();
        Failure::trouble(format!(
            "no AWS credentials found{profile}: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, \
             pass --profile (or set AWS_PROFILE), or sign in with `aws sso login`"
        ))
    };
    let provider = config.credentials_provider().ok_or_else(missing)?;
    match provider.provide_credentials().await {
        Ok(_) => Ok(()),
        Err(aws_credential_types::provider::error::CredentialsError::CredentialsNotLoaded(_)) => {
            Err(missing())
        }
        Err(e) => Err(Failure::trouble(format!(
            "cannot load AWS credentials: {}",
            one_line(&chain(&e))
        ))),
    }
}

/// An SDK error as one line: `what: ` and the reason ([`aws_reason`]).
pub(crate) fn aws_error<E, R>(what: &str, err: SdkError<E, R>) -> Failure
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
    R: std::fmt::Debug + 'static,
{
    Failure::trouble(format!("{what}: {}", aws_reason(err)))
}

/// Why an SDK call failed, on one line: the service's code and message, or why the request got
/// no answer.
pub(crate) fn aws_reason<E, R>(err: SdkError<E, R>) -> String
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
    R: std::fmt::Debug + 'static,
{
    let text = match &err {
        SdkError::ServiceError(service) => {
            let e = service.err();
            match (e.code(), e.message()) {
                (Some(code), Some(message)) => format!("{code}: {message}"),
                (Some(code), None) => code.to_owned(),
                (None, Some(message)) => message.to_owned(),
                (None, None) => DisplayErrorContext(&err).to_string(),
            }
        }
        SdkError::DispatchFailure(_) | SdkError::TimeoutError(_) => {
            format!("no answer from AWS: {}", chain(&err))
        }
        _ => chain(&err),
    };
    one_line(&text)
}

/// An error and its sources, each said once: `a: b: c`.
fn chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut next = Some(err);
    while let Some(e) = next {
        let text = e.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        next = e.source();
    }
    parts.join(": ")
}

/// Collapses whitespace and newlines; shortens very long messages.
pub(crate) fn one_line(text: &str) -> String {
    let s: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() > 400 {
        let cut: String = s.chars().take(399).collect();
        format!("{cut}…")
    } else {
        s
    }
}

/// True for the error CloudFormation gives for a stack that does not exist.
fn is_missing_stack<E: ProvideErrorMetadata, R>(err: &SdkError<E, R>) -> bool {
    match err {
        SdkError::ServiceError(s) => {
            s.err().code() == Some("ValidationError")
                && s.err()
                    .message()
                    .is_some_and(|m| m.contains("does not exist"))
        }
        _ => false,
    }
}

/// Refuses a `--stack` that is neither a stack name nor (where `id_too`) a stack id, before
/// anything is sent.
pub(crate) fn check_stack_name(name: &str, id_too: bool) -> Result<()> {
    let is_name = name.len() <= 128
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    let is_id = id_too && name.starts_with("arn:") && name.len() <= 256;
    if is_name || is_id {
        return Ok(());
    }
    Err(Failure::trouble(format!(
        "--stack {} is not a stack name: use at most 128 letters, digits and hyphens, starting \
         with a letter{}",
        quote(name),
        if id_too {
            " (or give the stack's id)"
        } else {
            ""
        }
    )))
}

/// The stack, or `None` when there is no stack of that name.
pub(crate) async fn find_stack(aws: &Aws, name: &str) -> Result<Option<Stack>> {
    match aws.cfn.describe_stacks().stack_name(name).send().await {
        Ok(out) => Ok(out.stacks().first().cloned()),
        Err(e) if is_missing_stack(&e) => Ok(None),
        Err(e) => Err(aws_error(&format!("cannot look up stack {name}"), e)),
    }
}

/// The stack, or a one-line error when it does not exist.
pub(crate) async fn existing_stack(aws: &Aws, name: &str) -> Result<Stack> {
    find_stack(aws, name).await?.ok_or_else(|| {
        Failure::trouble(format!(
            "stack {name} does not exist in {} (`list` shows the stacks vsm deployed)",
            aws.region
        ))
    })
}

/// The status of a stack as text.
pub(crate) fn status_of(stack: &Stack) -> String {
    stack
        .stack_status()
        .map(|s| s.as_str().to_owned())
        .unwrap_or_else(|| "UNKNOWN".to_owned())
}

/// Events of a stack newer than `after` (an event id), oldest first; all of them (up to a few
/// pages) when `after` is `None`.
pub(crate) async fn events_after(
    aws: &Aws,
    stack: &str,
    after: Option<&str>,
    limit: usize,
) -> Result<Vec<StackEvent>> {
    let mut out = Vec::new();
    let mut token: Option<String> = None;
    'pages: loop {
        let page = aws
            .cfn
            .describe_stack_events()
            .stack_name(stack)
            .set_next_token(token.take())
            .send()
            .await;
        let page = match page {
            Ok(p) => p,
            Err(e) if is_missing_stack(&e) => break,
            Err(e) => return Err(aws_error(&format!("cannot read the events of {stack}"), e)),
        };
        for event in page.stack_events() {
            if after.is_some() && event.event_id() == after {
                break 'pages;
            }
            out.push(event.clone());
            if out.len() >= limit {
                break 'pages;
            }
        }
        match page.next_token() {
            Some(t) => token = Some(t.to_owned()),
            None => break,
        }
    }
    out.reverse();
    Ok(out)
}

/// The newest event id of a stack, to show only what happens after it.
pub(crate) async fn newest_event(aws: &Aws, stack: &str) -> Result<Option<String>> {
    let events = events_after(aws, stack, None, 1).await?;
    Ok(events.last().and_then(|e| e.event_id()).map(str::to_owned))
}

/// One event as a line: time, status, logical id, type, reason.
pub(crate) fn event_line(event: &StackEvent) -> String {
    let time = event
        .timestamp()
        .and_then(|t| {
            t.fmt(aws_sdk_cloudformation::primitives::DateTimeFormat::DateTime)
                .ok()
        })
        .map(|t| t.replace('T', " ").chars().take(19).collect::<String>())
        .unwrap_or_default();
    let status = event.resource_status().map(|s| s.as_str()).unwrap_or("?");
    let mut line = format!(
        "{time}  {status:<20} {:<24} {}",
        event.logical_resource_id().unwrap_or("?"),
        event.resource_type().unwrap_or("")
    );
    if let Some(reason) = event.resource_status_reason() {
        line.push_str(&format!("  {}", one_line(reason)));
    }
    line
}

/// Failed resources among events: `LogicalId (Type) STATUS: reason`.
pub(crate) fn failures(events: &[StackEvent]) -> Vec<String> {
    events
        .iter()
        .filter(|e| {
            e.resource_status()
                .is_some_and(|s| s.as_str().ends_with("_FAILED"))
        })
        .map(|e| {
            format!(
                "{} ({}) {}: {}",
                e.logical_resource_id().unwrap_or("?"),
                e.resource_type().unwrap_or("?"),
                e.resource_status().map(|s| s.as_str()).unwrap_or("?"),
                one_line(e.resource_status_reason().unwrap_or("no reason given"))
            )
        })
        .collect()
}

/// Asks a yes/no question on the terminal; refuses when standard input is not a terminal.
///
/// The answer is read on a thread of its own, so that the runtime keeps running (and Ctrl-C is
/// noticed) while the question waits.
pub(crate) async fn confirm(question: &str, refusal: &str) -> Result<bool> {
    if !std::io::stdin().is_terminal() {
        return Err(Failure::trouble(refusal.to_owned()));
    }
    super::outputs::flush_stdout();
    eprint!("{question} [y/N] ");
    let _ = std::io::stderr().flush();
    let answer = tokio::task::spawn_blocking(|| {
        let mut answer = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut answer)
            .map(|_| answer)
    })
    .await
    .map_err(|e| Failure::trouble(format!("cannot read the answer: {e}")))?
    .map_err(|e| Failure::trouble(format!("cannot read the answer: {e}")))?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes" | "Yes" | "YES"))
}

/// Rows as aligned columns two spaces apart, without trailing spaces.
pub(crate) fn table<const N: usize>(rows: &[[String; N]]) -> Vec<String> {
    let mut widths = [0usize; N];
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    rows.iter()
        .map(|row| {
            let cells: Vec<String> = row
                .iter()
                .zip(widths)
                .map(|(cell, w)| format!("{cell:<w$}"))
                .collect();
            cells.join("  ").trim_end().to_owned()
        })
        .collect()
}

/// Prints a line to standard output right away.
pub(crate) fn say(line: impl AsRef<str>) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{}", line.as_ref());
    let _ = out.flush();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stack_names() {
        assert!(check_stack_name("my-pipeline-2", false).is_ok());
        assert!(check_stack_name(&"a".repeat(128), false).is_ok());
        assert!(check_stack_name(&"a".repeat(129), false).is_err());
        assert!(check_stack_name("2fast", false).is_err());
        assert!(check_stack_name("under_score", false).is_err());
        let id = "arn:aws:cloudformation:us-east-1:123456789012:stack/x/0a1b";
        assert!(check_stack_name(id, true).is_ok());
        assert!(check_stack_name(id, false).is_err());
        let err = check_stack_name(&"s".repeat(100_000), true).unwrap_err();
        assert!(err.message.len() < 250, "{}", err.message);
        assert!(
            err.message.contains("(100000 characters)"),
            "{}",
            err.message
        );
    }
}

//! The change set a deploy makes: created, waited for and deleted (shown by `describe`, applied
//! by `apply`).
//!
//! Requests that change something may be tried twice when an answer is lost (a reset connection,
//! an answer slower than the attempt timeout): CloudFormation then did the first one. A change
//! set's name is unique to one run and doubles as its client token, so a repeated create is
//! recognised, and every change set of that name on the stack is this run's to delete.

use aws_sdk_cloudformation::error::ProvideErrorMetadata;
use aws_sdk_cloudformation::types::{
    Change, ChangeSetStatus, ChangeSetSummary, ChangeSetType, ExecutionStatus, Parameter, Tag,
};

use super::on_stack::{busy, discard_named, is_pending, list, named, order};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::deploy::Deployment;
use super::{aws_error, aws_reason, one_line, say, Aws, STREAM_TAG};
use crate::cli::outputs::thousands;
use crate::cli::{Failure, Result};
use crate::diagnostic::shorten;
use crate::rules::{INLINE_TEMPLATE_LIMIT, S3_TEMPLATE_LIMIT};

/// Change sets vsm makes are named `vsm-…`; only those can make a stack busy.
pub(super) const PREFIX: &str = "vsm-";

/// How a parameter is set.
#[derive(Debug, Clone)]
pub(super) enum ParameterValue {
    Given(String),
    Previous,
}

/// What a deploy asks CloudFormation for.
pub(super) struct Plan<'a> {
    pub deployment: &'a Deployment,
    pub stack: &'a str,
    /// The change set's name, unique to this run.
    pub name: String,
    /// True when the change set creates the stack.
    pub create: bool,
    pub parameters: Vec<(String, ParameterValue)>,
    /// Upload the template to this bucket first, under this key prefix.
    pub s3: Option<(&'a str, &'a str)>,
}

/// A change set's name unique to this run: `vsm-<milliseconds since 1970>-<process id>`.
pub(super) fn unique_name() -> String {
    let millis = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or_default();
    format!("{PREFIX}{millis}-{}", std::process::id())
}

/// A change set this deploy created.
#[derive(Debug, Clone)]
pub(super) struct ChangeSet {
    pub name: String,
    pub id: String,
    pub stack: String,
    pub stack_id: String,
    /// True when it creates the stack (so discarding it deletes the empty stack too).
    pub create: bool,
}

impl ChangeSet {
    /// Creates the change set; `None` when CloudFormation says there is nothing to change.
    ///
    /// When the request fails, any change set it made before its answer was lost is deleted.
    /// When another deploy's change set on the stack is older, this one is deleted and the
    /// stack is busy.
    pub async fn create(aws: &Aws, plan: &Plan<'_>) -> Result<Option<Self>> {
        let url = match plan.s3 {
            Some((bucket, prefix)) => Some(upload(aws, plan, bucket, prefix).await?),
            None => None,
        };
        let what = || format!("cannot create a change set for stack {}", plan.stack);
        let created = match send_create(aws, plan, url).await {
            Ok(created) => created,
            Err(e) if e.code() == Some("AlreadyExistsException") => {
                // A repeated request whose first try went through.
                let found = named(aws, plan.stack, &plan.name, plan.create).await?;
                match found.into_iter().next() {
                    Some(created) => created,
                    None => return Err(aws_error(&what(), e)),
                }
            }
            Err(e) => {
                let failure = aws_error(&what(), e);
                if is_no_change(&failure.message) {
                    return Ok(None);
                }
                let left = discard_named(aws, plan.stack, &plan.name, plan.create).await;
                return Err(with_note(failure, left.err()));
            }
        };
        created.settle_with_others(aws).await?;
        Ok(Some(created))
    }

    /// Deletes copies of this change set made by repeated requests, and yields to an older
    /// change set of another deploy.
    async fn settle_with_others(&self, aws: &Aws) -> Result<()> {
        let all = match list(aws, &self.stack).await {
            Ok(all) => all,
            Err(failure) => return Err(self.fail(aws, failure).await),
        };
        for copy in all.iter().filter(|s| {
            s.change_set_name() == Some(self.name.as_str())
                && s.change_set_id() != Some(self.id.as_str())
        }) {
            // A stack of its own when the copy created one.
            let create = self.create && copy.stack_id() != Some(&self.stack_id);
            if let Err(left) = Self::from_summary(copy, create).discard(aws).await {
                let failure = Failure::trouble(format!(
                    "a repeated request made a second change set for stack {}",
                    self.stack
                ));
                return Err(self.fail(aws, with_note(failure, Some(left))).await);
            }
        }
        let mine = all
            .iter()
            .find(|s| s.change_set_id() == Some(self.id.as_str()))
            .map(order);
        let Some(mine) = mine else { return Ok(()) };
        let older = all
            .iter()
            .filter(|s| is_pending(s) && s.change_set_name() != Some(self.name.as_str()))
            .filter(|s| order(s) < mine)
            .min_by_key(|s| order(s));
        let Some(older) = older else { return Ok(()) };
        // The stack belongs to the older change set's deploy: delete it only when this change
        // set made a stack of its own.
        let mut mine = self.clone();
        mine.create = self.create && older.stack_id() != Some(&self.stack_id);
        let failure = busy(&self.stack, older);
        Err(match mine.discard(aws).await {
            Ok(()) => failure,
            Err(left) => with_note(failure, Some(left)),
        })
    }

    pub(super) fn from_summary(s: &ChangeSetSummary, create: bool) -> Self {
        Self {
            name: s.change_set_name().unwrap_or_default().to_owned(),
            id: s.change_set_id().unwrap_or_default().to_owned(),
            stack: s.stack_name().unwrap_or_default().to_owned(),
            stack_id: s.stack_id().unwrap_or_default().to_owned(),
            create,
        }
    }

    /// Waits until the change set is ready: its changes, or `None` when there are none.
    pub async fn wait(&self, aws: &Aws) -> Result<Option<Vec<Change>>> {
        loop {
            let (status, reason, changes) = self.read(aws).await?;
            match status {
                Some(ChangeSetStatus::CreateComplete) => return Ok(Some(changes)),
                Some(ChangeSetStatus::Failed) if is_no_change(&reason) => return Ok(None),
                Some(ChangeSetStatus::Failed) => {
                    return Err(Failure::no(format!(
                        "CloudFormation refused the change set for stack {}: {}",
                        self.stack,
                        one_line(&reason)
                    )))
                }
                _ => tokio::time::sleep(Duration::from_secs(2)).await,
            }
        }
    }

    /// The change set's status, its reason and every change (all pages).
    async fn read(&self, aws: &Aws) -> Result<(Option<ChangeSetStatus>, String, Vec<Change>)> {
        let mut changes = Vec::new();
        let mut token = None;
        loop {
            let out = aws
                .cfn
                .describe_change_set()
                .change_set_name(&self.id)
                .stack_name(&self.stack_id)
                .set_next_token(token)
                .send()
                .await
                .map_err(|e| aws_error("cannot read the change set", e))?;
            changes.extend(out.changes().iter().cloned());
            token = out.next_token().map(str::to_owned);
            if token.is_none() {
                let reason = out.status_reason().unwrap_or_default().to_owned();
                return Ok((out.status().cloned(), reason, changes));
            }
        }
    }

    /// How far its execution got: `None` when the change set cannot be read.
    pub async fn execution(&self, aws: &Aws) -> Option<ExecutionStatus> {
        let out = aws
            .cfn
            .describe_change_set()
            .change_set_name(&self.id)
            .stack_name(&self.stack_id)
            .send()
            .await
            .ok()?;
        out.execution_status().cloned()
    }

    /// Deletes the change set, and the stack it would have created; on failure, says what is
    /// left and how to delete it.
    pub async fn discard(&self, aws: &Aws) -> Result<(), String> {
        let deleted = aws
            .cfn
            .delete_change_set()
            .change_set_name(&self.id)
            .stack_name(&self.stack_id)
            .send()
            .await;
        if let Err(e) = deleted {
            // A repeated delete fails when the first went through: look before giving up.
            if !self.is_gone(aws).await {
                return Err(format!(
                    "change set {} of stack {} could not be deleted ({}): delete it with \
                     `aws cloudformation delete-change-set --stack-name {} --change-set-name {}`",
                    self.name,
                    self.stack,
                    aws_reason(e),
                    self.stack,
                    self.name
                ));
            }
        }
        if self.create {
            let deleted = aws
                .cfn
                .delete_stack()
                .stack_name(&self.stack_id)
                .send()
                .await;
            if let Err(e) = deleted {
                return Err(format!(
                    "the empty stack {} could not be deleted ({}): delete it with `destroy --stack {}`",
                    self.stack,
                    aws_reason(e),
                    self.stack
                ));
            }
        }
        Ok(())
    }

    /// Deletes the change set after a failure; the failure, saying what was deleted or what is
    /// left.
    pub async fn fail(&self, aws: &Aws, mut failure: Failure) -> Failure {
        match self.discard(aws).await {
            Ok(()) if self.create => failure.message.push_str(&format!(
                "; deleted stack {}, which this deploy had created",
                self.stack
            )),
            Ok(()) => failure.message.push_str(&format!(
                "; deleted the change set: stack {} is unchanged",
                self.stack
            )),
            Err(left) => return with_note(failure, Some(left)),
        }
        failure
    }

    async fn is_gone(&self, aws: &Aws) -> bool {
        let out = aws
            .cfn
            .describe_change_set()
            .change_set_name(&self.id)
            .stack_name(&self.stack_id)
            .send()
            .await;
        match out {
            Ok(_) => false,
            Err(e) => {
                e.code() == Some("ChangeSetNotFound")
                    || e.message().is_some_and(|m| m.contains("does not exist"))
            }
        }
    }
}

/// The error of a create request.
type CreateError = aws_sdk_cloudformation::error::SdkError<
    aws_sdk_cloudformation::operation::create_change_set::CreateChangeSetError,
    aws_sdk_cloudformation::config::http::HttpResponse,
>;

/// Sends the create request, with the template inline or at `url`.
async fn send_create(
    aws: &Aws,
    plan: &Plan<'_>,
    url: Option<String>,
) -> std::result::Result<ChangeSet, CreateError> {
    let deployment = plan.deployment;
    let parameters: Vec<Parameter> = plan
        .parameters
        .iter()
        .map(|(k, v)| match v {
            ParameterValue::Given(value) => Parameter::builder()
                .parameter_key(k)
                .parameter_value(value)
                .build(),
            ParameterValue::Previous => Parameter::builder()
                .parameter_key(k)
                .use_previous_value(true)
                .build(),
        })
        .collect();
    let request = aws
        .cfn
        .create_change_set()
        .stack_name(plan.stack)
        .change_set_name(&plan.name)
        // The same token on every try: a repeated request is the same request.
        .client_token(&plan.name)
        .change_set_type(if plan.create {
            ChangeSetType::Create
        } else {
            ChangeSetType::Update
        })
        .description(format!("vsm deploy of stream {}", deployment.stream))
        .set_parameters(Some(parameters))
        .set_capabilities(Some(deployment.capabilities()))
        .tags(
            Tag::builder()
                .key(STREAM_TAG)
                .value(&deployment.stream)
                .build(),
        );
    let request = match url {
        Some(url) => request.template_url(url),
        None => request.template_body(deployment.body(INLINE_TEMPLATE_LIMIT)),
    };
    let out = request.send().await?;
    Ok(ChangeSet {
        name: plan.name.clone(),
        id: out.id().unwrap_or_default().to_owned(),
        stack: plan.stack.to_owned(),
        stack_id: out.stack_id().unwrap_or(plan.stack).to_owned(),
        create: plan.create,
    })
}

/// Uploads the template to S3; the URL CloudFormation reads it from.
async fn upload(aws: &Aws, plan: &Plan<'_>, bucket: &str, prefix: &str) -> Result<String> {
    let body = plan.deployment.body(S3_TEMPLATE_LIMIT);
    let key = format!("{prefix}{}/{}.json", plan.stack, plan.name);
    aws.s3
        .put_object()
        .bucket(bucket)
        .key(&key)
        .content_type("application/json")
        .body(body.as_bytes().to_vec().into())
        .send()
        .await
        .map_err(|e| {
            aws_error(
                &format!(
                    "cannot upload the template to s3://{}/{key}",
                    shorten(bucket)
                ),
                e,
            )
        })?;
    say(format!(
        "Uploaded the template ({} bytes) to s3://{bucket}/{key}",
        thousands(body.len())
    ));
    Ok(template_url(bucket, &aws.region, &key))
}

/// The HTTPS URL CloudFormation reads an uploaded template from.
fn template_url(bucket: &str, region: &str, key: &str) -> String {
    let suffix = if region.starts_with("cn-") {
        "amazonaws.com.cn"
    } else {
        "amazonaws.com"
    };
    if bucket.contains('.') {
        format!("https://s3.{region}.{suffix}/{bucket}/{key}")
    } else {
        format!("https://{bucket}.s3.{region}.{suffix}/{key}")
    }
}

/// The failure, with a note on what could not be cleaned up.
pub(super) fn with_note(mut failure: Failure, left: Option<String>) -> Failure {
    if let Some(left) = left {
        failure.message.push_str("; and the ");
        failure.message.push_str(&left);
    }
    failure
}

/// True for CloudFormation's ways of saying that a change set would change nothing.
pub(super) fn is_no_change(reason: &str) -> bool {
    reason.contains("didn't contain changes") || reason.contains("No updates are to be performed")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_urls() {
        assert_eq!(
            template_url("my-templates", "eu-west-1", "vsm/x/1.json"),
            "https://my-templates.s3.eu-west-1.amazonaws.com/vsm/x/1.json"
        );
        assert_eq!(
            template_url("my.templates", "cn-north-1", "k"),
            "https://s3.cn-north-1.amazonaws.com.cn/my.templates/k"
        );
    }

    #[test]
    fn no_change_reasons() {
        assert!(is_no_change("The submitted information didn't contain changes. Submit different information to create a change set."));
        assert!(is_no_change(
            "ValidationError: No updates are to be performed."
        ));
        assert!(!is_no_change("Template format error"));
    }

    #[test]
    fn names_are_unique_and_valid() {
        let name = unique_name();
        assert!(name.starts_with("vsm-") && name.len() <= 128, "{name}");
        assert!(name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    }
}

//! `deploy`: create or update a stack through a change set, shown before it is applied.
//!
//! A deploy refuses a stack that another deploy is changing (a stack in progress, or a pending
//! vsm change set on it), cleans up its change set on every failure and on Ctrl-C, and deletes a
//! stack it created that holds nothing.

use aws_sdk_cloudformation::types::{Capability, Stack};
use serde_json::Value;
use std::collections::BTreeSet;

use super::change_set::{unique_name, ChangeSet, ParameterValue, Plan};
use super::interrupt::{guarded, Made};
use super::on_stack::{busy, pending_other};
use super::{
    block_on, caller_account, check_stack_name, confirm, connect, find_stack, in_account, load,
    say, status_of, Aws,
};
use crate::cli::input::read_template;
use crate::cli::outputs::{companion_stack, thousands};
use crate::cli::{DeployArgs, Failure, Global, Result, Streams};
use crate::diagnostic::shorten;
use crate::rules::{INLINE_TEMPLATE_LIMIT, S3_TEMPLATE_LIMIT};

/// What is deployed: the template and the names that go with it.
pub(super) struct Deployment {
    /// The template as a value (parameters, resource types).
    pub template: Value,
    /// Pretty JSON body.
    pub pretty: String,
    /// Compact JSON body.
    pub compact: String,
    /// The stream's name (the `vsm:stream` tag).
    pub stream: String,
    /// The pipeline's name, for the console URL when the stack has no such output.
    pub pipeline: Option<String>,
}

impl Deployment {
    fn from_args(streams: &Streams, args: &DeployArgs) -> Result<Self> {
        if let Some(path) = &args.template {
            let template = read_template(path)?;
            let pipeline = template["Resources"]
                .as_object()
                .into_iter()
                .flatten()
                .find(|(_, r)| r["Type"] == "AWS::CodePipeline::Pipeline")
                .and_then(|(_, r)| r["Properties"]["Name"].as_str())
                .map(str::to_owned);
            let pretty = serde_json::to_string_pretty(&template)
                .map_err(|e| Failure::trouble(format!("cannot write the template: {e}")))?
                + "\n";
            let compact = serde_json::to_string(&template)
                .map_err(|e| Failure::trouble(format!("cannot write the template: {e}")))?;
            return Ok(Self {
                stream: pipeline.clone().unwrap_or_else(|| args.stack.clone()),
                template,
                pretty,
                compact,
                pipeline,
            });
        }
        Ok(Self::of_stream(streams)?.0)
    }

    /// The stream's template, and the templates of the other accounts and Regions its
    /// actions run in, in the order they deploy.
    fn of_stream(streams: &Streams) -> Result<(Self, Vec<Placed>, Home)> {
        let stream = streams.stream()?;
        let emission = stream.emit(&streams.emit_options()?).map_err(|e| {
            let errors: Vec<String> = e.errors().map(|v| v.to_string()).collect();
            Failure::no(format!(
                "the template cannot be deployed:\n{}",
                errors.join("\n")
            ))
        })?;
        let of = |typed: &crate::cfn::Template, pipeline: Option<String>| Self {
            template: typed.to_value(),
            pretty: typed.to_json_pretty(),
            compact: typed.to_json_compact(),
            stream: stream.name.display().into_owned(),
            pipeline,
        };
        let companions = emission
            .companions
            .iter()
            .map(|c| Placed {
                stack: companion_stack(&stream.name.display(), &c.name),
                account: c.account.clone(),
                region: c.region.clone(),
                purpose: c.purpose.clone(),
                deployment: of(&c.template, None),
            })
            .collect();
        let home = Home {
            account: stream.settings.account.clone(),
            region: stream.settings.region.clone(),
        };
        Ok((
            of(&emission.template, stream.name.literal().cloned()),
            companions,
            home,
        ))
    }

    /// The body to send: pretty JSON when it fits the limit, compact otherwise.
    pub fn body(&self, limit: usize) -> &str {
        if self.pretty.len() <= limit {
            &self.pretty
        } else {
            &self.compact
        }
    }

    /// Template parameters: name and whether it has a default.
    pub fn parameters(&self) -> Vec<(String, bool)> {
        self.template["Parameters"]
            .as_object()
            .map(|ps| {
                ps.iter()
                    .map(|(k, v)| (k.clone(), v.get("Default").is_some()))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Capabilities the template needs acknowledged.
    pub fn capabilities(&self) -> Vec<Capability> {
        let types: BTreeSet<&str> = self.template["Resources"]
            .as_object()
            .into_iter()
            .flatten()
            .filter_map(|(_, r)| r["Type"].as_str())
            .collect();
        let mut out = Vec::new();
        if types.iter().any(|t| t.starts_with("AWS::IAM::")) {
            out.push(Capability::CapabilityIam);
            out.push(Capability::CapabilityNamedIam);
        }
        if self.template.get("Transform").is_some() {
            out.push(Capability::CapabilityAutoExpand);
        }
        out
    }
}

/// Parameter names, and whether each has a default.
type Known = Vec<(String, bool)>;

/// A template of another account or Region, deployed before the pipeline's.
struct Placed {
    stack: String,
    account: Option<String>,
    region: Option<String>,
    purpose: String,
    deployment: Deployment,
}

/// Where the pipeline runs, as the stream says.
#[derive(Default)]
struct Home {
    account: Option<String>,
    region: Option<String>,
}

pub(crate) fn deploy(streams: &Streams, global: &Global, args: &DeployArgs) -> Result<u8> {
    check_stack_name(&args.stack, false)?;
    let (deployment, mut companions, home) = match &args.template {
        Some(_) => (
            Deployment::from_args(streams, args)?,
            Vec::new(),
            Home::default(),
        ),
        None => Deployment::of_stream(streams)?,
    };
    if args.pipeline_only {
        companions.clear();
    }
    let known = deployment.parameters();
    let mut all = known.clone();
    for c in &companions {
        all.extend(c.deployment.parameters());
        check_size(&c.deployment, args)?;
    }
    check_parameter_names(&all, args)?;
    check_size(&deployment, args)?;
    block_on(async {
        if companions.is_empty() && home.account.is_none() {
            let aws = connect(global).await?;
            let made = Made::default();
            return guarded(&aws, &made, steps(&aws, &deployment, &known, args, &made)).await;
        }
        let caller = caller_account(&load(global).await?).await?;
        let total = companions.len() + 1;
        for (i, c) in companions.iter().enumerate() {
            let aws = in_account(
                global,
                c.region.as_deref(),
                &caller,
                c.account.as_deref(),
                &args.account_profiles,
                &args.account_role,
            )
            .await?;
            say(format!(
                "Template {} of {total}: stack {} in account {}, {} ({})",
                i + 1,
                c.stack,
                c.account.as_deref().unwrap_or(&caller),
                aws.region,
                c.purpose
            ));
            let known = c.deployment.parameters();
            let mut own = args.clone();
            own.stack = c.stack.clone();
            own.parameters
                .retain(|(k, _)| known.iter().any(|(n, _)| n == k));
            let made = Made::default();
            let code =
                guarded(&aws, &made, steps(&aws, &c.deployment, &known, &own, &made)).await?;
            if code != 0 {
                return Ok(code);
            }
        }
        let aws = in_account(
            global,
            home.region.as_deref(),
            &caller,
            home.account.as_deref(),
            &args.account_profiles,
            &args.account_role,
        )
        .await?;
        if total > 1 {
            say(format!(
                "Template {total} of {total}: stack {} in account {}, {} (the pipeline)",
                args.stack,
                home.account.as_deref().unwrap_or(&caller),
                aws.region
            ));
        }
        let mut own = args.clone();
        own.parameters
            .retain(|(k, _)| known.iter().any(|(n, _)| n == k));
        let made = Made::default();
        guarded(&aws, &made, steps(&aws, &deployment, &known, &own, &made)).await
    })?
}

/// Refuses a parameter the template does not have.
fn check_parameter_names(known: &Known, args: &DeployArgs) -> Result<()> {
    for (key, _) in &args.parameters {
        if !known.iter().any(|(k, _)| k == key) {
            let names: Vec<&str> = known.iter().map(|(k, _)| k.as_str()).collect();
            return Err(Failure::trouble(format!(
                "the template has no parameter {} (it has: {})",
                shorten(key),
                if names.is_empty() {
                    "none".to_owned()
                } else {
                    names.join(", ")
                }
            )));
        }
    }
    Ok(())
}

/// Refuses a template CloudFormation would not take, before anything is sent.
fn check_size(deployment: &Deployment, args: &DeployArgs) -> Result<()> {
    let size = deployment.compact.len();
    if size > S3_TEMPLATE_LIMIT {
        return Err(Failure::no(format!(
            "the template is {} bytes even as compact JSON; CloudFormation accepts at most {}: split the stream",
            thousands(size),
            thousands(S3_TEMPLATE_LIMIT)
        )));
    }
    if args.s3_bucket.is_none() && size > INLINE_TEMPLATE_LIMIT {
        return Err(Failure::trouble(format!(
            "the template is {} bytes as compact JSON, over the {} bytes CloudFormation takes inline: \
             pass --s3-bucket BUCKET to upload it first",
            thousands(size),
            thousands(INLINE_TEMPLATE_LIMIT)
        )));
    }
    Ok(())
}

/// The deploy, step by step: look at the stack, make the change set, show it, apply it.
async fn steps(
    aws: &Aws,
    deployment: &Deployment,
    known: &Known,
    args: &DeployArgs,
    made: &Made,
) -> Result<u8> {
    let stack = args.stack.as_str();
    let target = Target::find(aws, stack).await?;
    let plan = Plan {
        deployment,
        stack,
        name: unique_name(),
        create: target.create,
        parameters: parameter_values(known, &args.parameters, &target.previous)?,
        s3: args
            .s3_bucket
            .as_deref()
            .map(|bucket| (bucket, args.s3_prefix.as_str())),
    };
    made.requested(stack, &plan.name, plan.create);
    let Some(change_set) = ChangeSet::create(aws, &plan).await? else {
        made.nothing();
        return Ok(up_to_date(aws, stack, deployment).await);
    };
    made.created(&change_set);
    let changes = match change_set.wait(aws).await {
        Ok(Some(changes)) => changes,
        Ok(None) => {
            let left = change_set.discard(aws).await;
            made.nothing();
            left.map_err(Failure::trouble)?;
            return Ok(up_to_date(aws, stack, deployment).await);
        }
        Err(failure) => return Err(change_set.fail(aws, failure).await),
    };
    say(change_set.describe(&changes, &plan.parameters));
    if let Some(code) = decide(aws, &change_set, args).await? {
        made.nothing();
        return Ok(code);
    }
    made.applying(&change_set);
    change_set
        .execute(aws, deployment, changes.len(), args.poll_interval)
        .await
}

/// Whether to apply the change set: `None` to apply it; otherwise it is deleted and the exit
/// code is returned (a preview, or a "no").
async fn decide(aws: &Aws, change_set: &ChangeSet, args: &DeployArgs) -> Result<Option<u8>> {
    if args.preview {
        change_set.discard(aws).await.map_err(Failure::trouble)?;
        say("Preview only: the change set was deleted, nothing was applied.");
        return Ok(Some(0));
    }
    if args.yes {
        return Ok(None);
    }
    let answer = confirm(
        &format!("Apply this change set to stack {}?", change_set.stack),
        "not applied: standard input is not a terminal, so vsm cannot ask; \
         pass --yes to apply the change set (or --preview to only show it)",
    )
    .await;
    match answer {
        Ok(true) => Ok(None),
        Ok(false) => {
            change_set.discard(aws).await.map_err(Failure::trouble)?;
            say("Not applied: the change set was deleted.");
            Ok(Some(1))
        }
        Err(failure) => Err(change_set.fail(aws, failure).await),
    }
}

/// The stack as found before the deploy.
struct Target {
    /// True when the change set creates the stack.
    create: bool,
    /// Parameters the stack has, which keep their value unless given.
    previous: BTreeSet<String>,
}

impl Target {
    /// Looks at the stack; refuses one that cannot be updated or that another deploy is
    /// changing.
    async fn find(aws: &Aws, stack: &str) -> Result<Self> {
        let Some(existing) = find_stack(aws, stack).await? else {
            return Ok(Self {
                create: true,
                previous: BTreeSet::new(),
            });
        };
        let status = status_of(&existing);
        match status.as_str() {
            "ROLLBACK_COMPLETE" | "ROLLBACK_FAILED" => {
                return Err(Failure::trouble(format!(
                    "stack {stack} is {status}: its creation failed and it cannot be updated; \
                     run `destroy --stack {stack}`, then deploy again"
                )))
            }
            s if s.ends_with("_IN_PROGRESS") && s != "REVIEW_IN_PROGRESS" => {
                return Err(Failure::trouble(format!(
                    "stack {stack} is busy ({s}); deploy again once it has settled (`status --stack {stack}`)"
                )))
            }
            _ => {}
        }
        let id = existing.stack_id().unwrap_or(stack);
        if let Some(other) = pending_other(aws, stack, id).await? {
            return Err(busy(stack, &other));
        }
        // A stack under review with no change set is an empty leftover: create it anew.
        let create = status == "REVIEW_IN_PROGRESS";
        let previous = if create {
            BTreeSet::new()
        } else {
            existing
                .parameters()
                .iter()
                .filter_map(|p| p.parameter_key().map(str::to_owned))
                .collect()
        };
        Ok(Self { create, previous })
    }
}

/// Each parameter's value: given, previous value on update, or default; an error naming the
/// ones that have none.
fn parameter_values(
    known: &Known,
    given: &[(String, String)],
    previous: &BTreeSet<String>,
) -> Result<Vec<(String, ParameterValue)>> {
    let mut values = Vec::new();
    let mut missing = Vec::new();
    for (key, has_default) in known {
        match given.iter().rev().find(|(k, _)| k == key) {
            Some((_, v)) => values.push((key.clone(), ParameterValue::Given(v.clone()))),
            None if previous.contains(key) => values.push((key.clone(), ParameterValue::Previous)),
            None if *has_default => {}
            None => missing.push(key.clone()),
        }
    }
    if missing.is_empty() {
        return Ok(values);
    }
    let example: Vec<String> = missing
        .iter()
        .map(|k| format!("--parameter {k}=..."))
        .collect();
    Err(Failure::trouble(format!(
        "{} need{} a value: pass {}",
        missing.join(", "),
        if missing.len() == 1 { "s" } else { "" },
        example.join(" ")
    )))
}

/// Says that the stack is up to date; exit code 0.
async fn up_to_date(aws: &Aws, stack: &str, deployment: &Deployment) -> u8 {
    say(format!(
        "No changes: stack {stack} already matches the template and parameters."
    ));
    if let Ok(Some(s)) = find_stack(aws, stack).await {
        say(format!(
            "Pipeline console: {}",
            console_url(&s, &aws.region, deployment)
        ));
    }
    0
}

/// The pipeline's console URL: the stack's output, or built from the pipeline's name.
pub(super) fn console_url(stack: &Stack, region: &str, deployment: &Deployment) -> String {
    if let Some(url) = stack.outputs().iter().find_map(|o| {
        o.output_key()
            .filter(|k| k.ends_with("PipelineConsoleUrl"))
            .and(o.output_value())
    }) {
        return url.to_owned();
    }
    let name = deployment
        .pipeline
        .clone()
        .unwrap_or_else(|| stack.stack_name().unwrap_or("?").to_owned());
    format!(
        "https://{region}.console.aws.amazon.com/codesuite/codepipeline/pipelines/{name}/view?region={region}"
    )
}

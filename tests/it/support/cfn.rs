//! What a CloudFormation endpoint holds, read with the AWS SDK straight from it (not through
//! vsm, and not through a fault proxy).

use aws_sdk_cloudformation::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_cloudformation::types::ExecutionStatus;
use aws_sdk_cloudformation::Client;
use std::future::Future;

/// A client of one endpoint.
pub struct Cfn {
    client: Client,
    runtime: tokio::runtime::Runtime,
}

impl Cfn {
    /// A client of `endpoint` with dummy credentials.
    pub fn new(endpoint: &str) -> Self {
        let config = aws_sdk_cloudformation::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new("us-east-1"))
            .endpoint_url(endpoint)
            .credentials_provider(Credentials::new("testing", "testing", None, None, "tests"))
            .build();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        Self {
            client: Client::from_conf(config),
            runtime,
        }
    }

    fn run<F: Future>(&self, future: F) -> F::Output {
        self.runtime.block_on(future)
    }

    /// The statuses of the stacks of this name that are not deleted.
    pub fn stacks(&self, name: &str) -> Vec<String> {
        let out = self
            .run(self.client.describe_stacks().send())
            .expect("DescribeStacks");
        out.stacks()
            .iter()
            .filter(|s| s.stack_name() == Some(name))
            .map(|s| {
                s.stack_status()
                    .map(|s| s.as_str())
                    .unwrap_or("?")
                    .to_owned()
            })
            .collect()
    }

    /// The change sets of the stack that were not applied: `name status execution-status`.
    pub fn unapplied_change_sets(&self, stack: &str) -> Vec<String> {
        let out = self
            .run(self.client.list_change_sets().stack_name(stack).send())
            .expect("ListChangeSets");
        out.summaries()
            .iter()
            .filter(|s| s.stack_name() == Some(stack))
            .filter(|s| s.execution_status() != Some(&ExecutionStatus::ExecuteComplete))
            .map(|s| {
                format!(
                    "{} {} {}",
                    s.change_set_name().unwrap_or("?"),
                    s.status().map(|s| s.as_str()).unwrap_or("?"),
                    s.execution_status().map(|s| s.as_str()).unwrap_or("?")
                )
            })
            .collect()
    }

    /// The stack's template body.
    pub fn template(&self, stack: &str) -> String {
        let out = self
            .run(self.client.get_template().stack_name(stack).send())
            .expect("GetTemplate");
        out.template_body().unwrap_or_default().to_owned()
    }

    /// The stack's resources: `(logical id, type, physical id, status)`, by logical id.
    pub fn resources(&self, stack: &str) -> Vec<(String, String, String, String)> {
        let out = self
            .run(self.client.list_stack_resources().stack_name(stack).send())
            .expect("ListStackResources");
        let mut rows: Vec<_> = out
            .stack_resource_summaries()
            .iter()
            .map(|r| {
                (
                    r.logical_resource_id().unwrap_or_default().to_owned(),
                    r.resource_type().unwrap_or_default().to_owned(),
                    r.physical_resource_id().unwrap_or_default().to_owned(),
                    r.resource_status()
                        .map(|s| s.as_str())
                        .unwrap_or("?")
                        .to_owned(),
                )
            })
            .collect();
        rows.sort();
        rows
    }

    /// Asserts what the endpoint holds for `stack`: the statuses of its stacks (none, or one)
    /// and no change set that was not applied.
    pub fn assert_left(&self, stack: &str, statuses: &[&str], context: &str) {
        assert_eq!(
            self.stacks(stack),
            statuses,
            "stacks named {stack} after {context}"
        );
        assert_eq!(
            self.unapplied_change_sets(stack),
            Vec::<String>::new(),
            "change sets of {stack} left after {context}"
        );
    }
}

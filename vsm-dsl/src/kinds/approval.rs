//! `approval`: a manual approval.

use crate::catalogue::CP_QUOTA_7;
use std::time::Duration;

use crate::cfn::{Expr, PipelineAction};
use crate::diagnostic::{Field, Violation};
use crate::kit::At;
use crate::kit::{kind, optional, ActionEmit, Artifacts, ConfigCx, Entry, Kind};
use crate::model::duration::Human;
use crate::model::Text;
use crate::model::{ActionType, Category, Stream};

kind! {
    /// A manual approval: the pipeline waits until someone approves or rejects.
    #[kind(approval, step)]
    pub struct Approval {
        optional {
            /// Text shown to the approver.
            custom_data: Option<Text>,
            /// A URL the approver reviews.
            review_url: Option<Text>,
            /// ARN of an SNS topic notified when approval is needed.
            notify: Option<Text>,
            /// How long the approval waits, 5 minutes to 60 days (CP-QUOTA-7); 7 days when unset.
            timeout: Option<Duration>,
        }
    }
}

impl Kind for Approval {
    const TYPES: &'static [ActionType<'static>] = &[ActionType::aws(Category::Approval, "Manual")];
    const ARTIFACTS: Option<Artifacts> = Some(Artifacts {
        row: "CP-TYPE-M-10",
        inputs: (0, 0),
        outputs: (0, 0),
    });
    const CONFIG_KEYS: &'static [crate::kit::ConfigKeySpec] = &[
        optional("NotificationArn"),
        optional("CustomData"),
        optional("ExternalEntityLink"),
    ];

    fn configuration<'a>(&'a self, _cx: &ConfigCx<'a>) -> Vec<Entry<'a>> {
        [
            Entry::of_opt("NotificationArn", "notify", &self.notify),
            Entry::of_opt("CustomData", "custom_data", &self.custom_data),
            Entry::of_opt("ExternalEntityLink", "review_url", &self.review_url),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    fn check(&self, at: &At<'_>, _stream: &Stream, out: &mut Vec<Violation>) {
        let Some(timeout) = self.timeout else { return };
        let problem = if timeout < Duration::from_secs(5 * 60)
            || timeout > Duration::from_secs(86_400 * 60)
        {
            (
                format!("approval timeout {} is out of range", Human(timeout)),
                "an approval waits from 5 minutes to 60 days (the default is 7 days)",
            )
        } else if timeout.as_secs() % 60 != 0 {
            (
                format!(
                    "approval timeout {} is not a whole number of minutes",
                    Human(timeout)
                ),
                "give the timeout in whole minutes",
            )
        } else {
            return;
        };
        out.push(Violation::error(
            CP_QUOTA_7,
            at.loc(Field::Prop("timeout")),
            problem.0,
            problem.1,
        ));
    }

    fn grant(&self, cx: &mut ActionEmit<'_, '_>, _config: &[(String, Expr)]) {
        if let Some(topic) = &self.notify {
            cx.grants()
                .allow("NotifyApprovers", &["sns:Publish"], topic.to_expr());
        }
    }

    fn declare(&self, decl: &mut PipelineAction) {
        decl.timeout_in_minutes = self.timeout.map(|t| t.as_secs() / 60);
    }
}

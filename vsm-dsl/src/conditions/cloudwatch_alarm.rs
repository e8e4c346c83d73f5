//! `cloudwatch_alarm`: the condition holds while a CloudWatch alarm is not in the states it
//! watches.

use std::time::Duration;

use crate::diagnostic::{quote, Violation};
use crate::kit::arn::{self, Part};
use crate::kit::{choice, rule_type, Entry, Grants, RuleAt, RuleType};
use crate::model::{Stream, Text};

choice! {
    /// A CloudWatch alarm state.
    pub enum AlarmState {
        /// The metric is beyond the alarm's threshold.
        #[default]
        Alarm = "ALARM",
        /// The metric is within the threshold.
        Ok = "OK",
        /// Not enough data to decide.
        InsufficientData = "INSUFFICIENT_DATA",
    }
}

rule_type! {
    /// A CloudWatch alarm check: the rule fails while the alarm is in a state it watches, after
    /// waiting up to `wait_time` for the alarm to change. The alarm exists already.
    #[rule(cloudwatch_alarm)]
    pub struct CloudWatchAlarm {
        required {
            /// The alarm's name.
            alarm_name: Text,
        }
        optional {
            /// The alarm states the rule watches: `ALARM`, `OK`, `INSUFFICIENT_DATA`.
            alarm_states: Vec<AlarmState>,
            /// How long the rule waits for the alarm to change state before it decides, in
            /// whole minutes.
            wait_time: Option<Duration>,
        }
    }
}

crate::catalogue::rules! {
    RULES:
    CP_COND_12 = compile("CP-COND-12", "a CloudWatch alarm rule: an alarm name of 1–255 characters, each state once, a wait in whole minutes of at least 1");
}

impl RuleType for CloudWatchAlarm {
    const PROVIDER: &'static str = "CloudWatchAlarm";
    const RULES: &'static [crate::catalogue::RuleId] = RULES;

    fn configuration(&self) -> Vec<Entry<'_>> {
        let mut out = vec![Entry::of("AlarmName", "alarm_name", &self.alarm_name)];
        if !self.alarm_states.is_empty() {
            let states: Vec<&str> = self.alarm_states.iter().map(|s| s.as_str()).collect();
            out.push(Entry::owned(
                "AlarmStates",
                Some("alarm_states"),
                states.join(","),
            ));
        }
        if let Some(wait) = self.wait_time {
            out.push(Entry::owned(
                "WaitTime",
                Some("wait_time"),
                (wait.as_secs() / 60).to_string(),
            ));
        }
        out
    }

    fn check(&self, at: &RuleAt<'_>, _stream: &Stream, out: &mut Vec<Violation>) {
        if let Some(name) = self.alarm_name.as_str() {
            if !(1..=255).contains(&name.chars().count()) {
                out.push(Violation::error(
                    CP_COND_12,
                    at.prop("alarm_name"),
                    format!("alarm name {} is not 1–255 characters", quote(name)),
                    "give the name of an existing CloudWatch alarm",
                ));
            }
        }
        let mut seen = Vec::new();
        for s in &self.alarm_states {
            if seen.contains(s) {
                out.push(Violation::error(
                    CP_COND_12,
                    at.prop("alarm_states"),
                    format!("alarm state {s} is listed twice"),
                    "list each state once",
                ));
            }
            seen.push(*s);
        }
        if let Some(wait) = self.wait_time {
            if wait.as_secs() % 60 != 0 || wait < Duration::from_secs(60) {
                out.push(Violation::error(
                    CP_COND_12,
                    at.prop("wait_time"),
                    format!(
                        "a wait time of {} is not a whole number of minutes of at least 1",
                        crate::model::duration::format(wait)
                    ),
                    "give the wait in whole minutes, such as `30m`",
                ));
            }
        }
    }

    /// `cloudwatch:DescribeAlarms` on the alarm: the only call the rule makes.
    fn grant(&self, grants: &mut Grants, _stream: &Stream, region: Option<&Text>) {
        grants.allow(
            "ReadGateAlarms",
            &["cloudwatch:DescribeAlarms"],
            arn::regional_in(
                "cloudwatch",
                region,
                &[Part::Lit("alarm:"), Part::Val(&self.alarm_name)],
            ),
        );
    }
}

//! `deployment_window`: the condition holds only while a cron expression matches.

use crate::diagnostic::{quote, Violation};
use crate::kit::{rule_type, Entry, Grants, RuleAt, RuleType};
use crate::model::{Stream, Text};
use crate::time::Cron;

rule_type! {
    /// A deployment window: the rule succeeds only at the times its cron expression matches,
    /// in its time zone, so a change that arrives outside the window waits for it to open.
    #[rule(deployment_window)]
    pub struct DeploymentWindow {
        required {
            /// When deployments are allowed: `seconds minutes hours day-of-month month
            /// day-of-week [year]`, such as `* * 9-16 ? * MON-FRI *` (09:00 to 16:59 on weekdays).
            cron: Text,
        }
        optional {
            /// The time zone: `Region/City` (`Europe/Berlin`), `UTC` with an offset
            /// (`UTC+05:30`) or an abbreviation (`PST`); UTC when unset.
            time_zone: Option<Text>,
        }
    }
}

crate::catalogue::rules! {
    RULES:
    CP_COND_10 = compile("CP-COND-10", "a deployment window's cron expression: 6 or 7 fields, values and special characters each field allows, `?` in one day field");
    CP_COND_11 = compile("CP-COND-11", "a deployment window's time zone: Region/City, UTC with an offset, or a 3–5 letter abbreviation");
}

impl DeploymentWindow {
    /// The cron expression, when it is literal and valid.
    pub fn schedule(&self) -> Option<Cron> {
        self.cron.as_str().and_then(|c| Cron::parse(c).ok())
    }
}

impl RuleType for DeploymentWindow {
    const PROVIDER: &'static str = "DeploymentWindow";
    const RULES: &'static [crate::catalogue::RuleId] = RULES;

    fn configuration(&self) -> Vec<Entry<'_>> {
        let mut out = vec![Entry::of("Cron", "cron", &self.cron)];
        out.extend(Entry::of_opt("TimeZone", "time_zone", &self.time_zone));
        out
    }

    fn check(&self, at: &RuleAt<'_>, _stream: &Stream, out: &mut Vec<Violation>) {
        if let Some(cron) = self.cron.as_str() {
            if let Err(e) = Cron::parse(cron) {
                out.push(Violation::error(
                    CP_COND_10,
                    at.prop("cron"),
                    format!("cron expression {} is not one CodePipeline reads: {e}", quote(cron)),
                    "write `seconds minutes hours day-of-month month day-of-week [year]`, with `?` in one day field, such as `* * 9-16 ? * MON-FRI *`",
                ));
            }
        }
        if let Some(zone) = self.time_zone.as_ref().and_then(Text::as_str) {
            if !is_time_zone(zone) {
                out.push(Violation::error(
                    CP_COND_11,
                    at.prop("time_zone"),
                    format!("time zone {} is not in a format CodePipeline reads", quote(zone)),
                    "write a Region/City zone such as `Europe/Berlin`, `UTC` or `UTC+05:30`, or an abbreviation such as `PST`",
                ));
            }
        }
    }

    /// A deployment window reads no resource.
    fn grant(&self, _grants: &mut Grants, _stream: &Stream, _region: Option<&Text>) {}
}

/// True for the three formats the rule reference lists: `Region/City` (or
/// `Region/City_City`, and deeper IANA names such as `America/Argentina/Buenos_Aires`),
/// `UTC` optionally followed by `+HH:MM` or `-HH:MM`, and a 3–5 letter abbreviation.
pub fn is_time_zone(zone: &str) -> bool {
    let word = |s: &str, first: fn(char) -> bool| {
        s.chars().next().is_some_and(first)
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '+'))
    };
    if let Some(offset) = zone.strip_prefix("UTC") {
        if offset.is_empty() {
            return true;
        }
        let b = offset.as_bytes();
        return b.len() == 6
            && matches!(b[0], b'+' | b'-')
            && b[3] == b':'
            && [1, 2, 4, 5].iter().all(|i| b[*i].is_ascii_digit())
            && offset[1..3].parse::<u8>().is_ok_and(|h| h <= 14)
            && offset[4..6].parse::<u8>().is_ok_and(|m| m < 60);
    }
    if zone.contains('/') {
        let mut parts = zone.split('/');
        let region = parts.next().unwrap_or("");
        return region.chars().all(|c| c.is_ascii_alphabetic())
            && region
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_uppercase())
            && parts.clone().count() <= 2
            && parts.all(|p| word(p, |c| c.is_ascii_alphabetic()));
    }
    (3..=5).contains(&zone.len()) && zone.chars().all(|c| c.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::is_time_zone;

    #[test]
    fn time_zone_formats() {
        for ok in [
            "Europe/Berlin",
            "America/New_York",
            "America/Argentina/Buenos_Aires",
            "America/Port-au-Prince",
            "Etc/GMT+5",
            "UTC",
            "UTC+05:30",
            "UTC-03:00",
            "PST",
            "IST",
            "AEST",
        ] {
            assert!(is_time_zone(ok), "{ok}");
        }
        for bad in [
            "",
            "europe",
            "Berlin",
            "UTC+5",
            "UTC+15:00",
            "UTC+05:60",
            "pst",
            "ABCDEF",
            "EU/",
            "/Berlin",
            "A/B/C/D",
        ] {
            assert!(!is_time_zone(bad), "{bad}");
        }
    }
}

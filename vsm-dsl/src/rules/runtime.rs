//! LMB: Lambda runtimes the template creates functions with, against a dated lifecycle
//! table. These rules depend on the day, so they run when a template is emitted, on the
//! runtimes it actually uses, with the date of the emit options.

use super::Date;
use crate::catalogue::{LMB_1, LMB_2, LMB_3, LMB_4};
use crate::diagnostic::{Field, Location, Violation};

/// `(runtime, deprecated, create blocked, update blocked)`, from the Lambda runtime
/// deprecation policy as bundled by cfn-lint 1.58.0 (`LmbdRuntimeLifecycle.json`).
const LIFECYCLE: &[(&str, Date, Option<Date>, Option<Date>)] = &[
    (
        "nodejs",
        d(2016, 10, 31),
        Some(d(2016, 10, 31)),
        Some(d(2016, 10, 31)),
    ),
    (
        "nodejs4.3",
        d(2020, 3, 5),
        Some(d(2020, 3, 5)),
        Some(d(2020, 3, 5)),
    ),
    (
        "nodejs4.3-edge",
        d(2020, 3, 5),
        Some(d(2019, 4, 30)),
        Some(d(2019, 4, 30)),
    ),
    (
        "nodejs6.10",
        d(2019, 8, 12),
        Some(d(2019, 8, 12)),
        Some(d(2019, 8, 12)),
    ),
    (
        "nodejs8.10",
        d(2020, 3, 6),
        Some(d(2020, 3, 6)),
        Some(d(2020, 3, 6)),
    ),
    (
        "nodejs10.x",
        d(2021, 7, 30),
        Some(d(2021, 7, 30)),
        Some(d(2022, 2, 14)),
    ),
    (
        "nodejs12.x",
        d(2023, 3, 31),
        Some(d(2023, 3, 31)),
        Some(d(2023, 4, 30)),
    ),
    (
        "python2.7",
        d(2021, 7, 15),
        Some(d(2021, 7, 15)),
        Some(d(2022, 5, 30)),
    ),
    (
        "python3.6",
        d(2022, 7, 18),
        Some(d(2022, 7, 18)),
        Some(d(2022, 8, 29)),
    ),
    (
        "ruby2.5",
        d(2021, 7, 30),
        Some(d(2021, 7, 30)),
        Some(d(2022, 3, 31)),
    ),
    (
        "dotnetcore1.0",
        d(2019, 6, 27),
        Some(d(2019, 7, 30)),
        Some(d(2019, 7, 30)),
    ),
    (
        "dotnetcore2.0",
        d(2019, 5, 30),
        Some(d(2019, 5, 30)),
        Some(d(2019, 5, 30)),
    ),
    (
        "dotnetcore2.1",
        d(2022, 1, 5),
        Some(d(2022, 1, 5)),
        Some(d(2022, 4, 13)),
    ),
    (
        "dotnetcore3.1",
        d(2023, 4, 3),
        Some(d(2023, 4, 3)),
        Some(d(2023, 5, 3)),
    ),
    (
        "nodejs14.x",
        d(2023, 12, 4),
        Some(d(2024, 1, 9)),
        Some(d(2027, 3, 3)),
    ),
    (
        "python3.7",
        d(2023, 12, 4),
        Some(d(2024, 1, 9)),
        Some(d(2027, 3, 3)),
    ),
    (
        "ruby2.7",
        d(2023, 12, 7),
        Some(d(2024, 1, 9)),
        Some(d(2027, 3, 3)),
    ),
    (
        "go1.x",
        d(2024, 1, 8),
        Some(d(2024, 2, 8)),
        Some(d(2027, 3, 3)),
    ),
    (
        "java8",
        d(2024, 1, 8),
        Some(d(2024, 2, 8)),
        Some(d(2027, 3, 3)),
    ),
    (
        "provided",
        d(2024, 1, 8),
        Some(d(2024, 2, 8)),
        Some(d(2027, 3, 3)),
    ),
    (
        "nodejs16.x",
        d(2024, 6, 12),
        Some(d(2027, 2, 1)),
        Some(d(2027, 3, 3)),
    ),
    (
        "python3.8",
        d(2024, 10, 14),
        Some(d(2027, 2, 1)),
        Some(d(2027, 3, 3)),
    ),
    (
        "dotnet6",
        d(2024, 12, 20),
        Some(d(2027, 2, 1)),
        Some(d(2027, 3, 3)),
    ),
    (
        "nodejs18.x",
        d(2025, 9, 1),
        Some(d(2027, 2, 1)),
        Some(d(2027, 3, 3)),
    ),
    (
        "python3.9",
        d(2025, 12, 15),
        Some(d(2027, 2, 1)),
        Some(d(2027, 3, 3)),
    ),
    (
        "ruby3.2",
        d(2026, 3, 31),
        Some(d(2027, 2, 1)),
        Some(d(2027, 3, 3)),
    ),
    (
        "nodejs20.x",
        d(2026, 4, 30),
        Some(d(2027, 2, 1)),
        Some(d(2027, 3, 3)),
    ),
    (
        "provided.al2",
        d(2026, 7, 31),
        Some(d(2027, 2, 1)),
        Some(d(2027, 3, 3)),
    ),
    (
        "python3.10",
        d(2026, 10, 31),
        Some(d(2027, 2, 1)),
        Some(d(2027, 3, 3)),
    ),
    (
        "dotnet8",
        d(2026, 11, 10),
        Some(d(2027, 2, 1)),
        Some(d(2027, 3, 3)),
    ),
    (
        "ruby3.3",
        d(2027, 3, 31),
        Some(d(2027, 4, 30)),
        Some(d(2027, 5, 31)),
    ),
    (
        "nodejs22.x",
        d(2027, 4, 30),
        Some(d(2027, 6, 1)),
        Some(d(2027, 7, 1)),
    ),
    (
        "java8.al2",
        d(2027, 6, 30),
        Some(d(2027, 7, 31)),
        Some(d(2027, 8, 31)),
    ),
    (
        "java11",
        d(2027, 6, 30),
        Some(d(2027, 7, 31)),
        Some(d(2027, 8, 31)),
    ),
    (
        "java17",
        d(2027, 6, 30),
        Some(d(2027, 7, 31)),
        Some(d(2027, 8, 31)),
    ),
    (
        "python3.11",
        d(2027, 6, 30),
        Some(d(2027, 7, 31)),
        Some(d(2027, 8, 31)),
    ),
    (
        "ruby3.4",
        d(2028, 3, 31),
        Some(d(2028, 4, 30)),
        Some(d(2028, 5, 31)),
    ),
    (
        "nodejs24.x",
        d(2028, 4, 30),
        Some(d(2028, 6, 1)),
        Some(d(2028, 7, 1)),
    ),
    (
        "python3.12",
        d(2028, 10, 31),
        Some(d(2028, 11, 30)),
        Some(d(2029, 1, 10)),
    ),
    (
        "dotnet10",
        d(2028, 11, 14),
        Some(d(2028, 12, 14)),
        Some(d(2029, 1, 15)),
    ),
    (
        "ruby4.0",
        d(2029, 3, 31),
        Some(d(2029, 4, 30)),
        Some(d(2029, 5, 31)),
    ),
    (
        "java21",
        d(2029, 6, 30),
        Some(d(2029, 7, 31)),
        Some(d(2029, 8, 31)),
    ),
    (
        "java25",
        d(2029, 6, 30),
        Some(d(2029, 7, 31)),
        Some(d(2029, 8, 31)),
    ),
    (
        "provided.al2023",
        d(2029, 6, 30),
        Some(d(2029, 7, 31)),
        Some(d(2029, 8, 31)),
    ),
    (
        "python3.13",
        d(2029, 6, 30),
        Some(d(2029, 7, 31)),
        Some(d(2029, 8, 31)),
    ),
    (
        "python3.14",
        d(2029, 6, 30),
        Some(d(2029, 7, 31)),
        Some(d(2029, 8, 31)),
    ),
];

const fn d(y: i32, m: u8, day: u8) -> Date {
    Date::new(y, m, day)
}

/// Where a runtime stands in its lifecycle on a given date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuntimeStatus {
    /// Supported.
    Supported {
        /// When it will be deprecated.
        deprecated: Date,
    },
    /// Deprecated, but functions can still be created.
    Deprecated {
        /// When it was deprecated.
        since: Date,
    },
    /// New functions can no longer be created.
    CreateBlocked {
        /// Since when.
        since: Date,
    },
    /// Functions can no longer be created or updated.
    Blocked {
        /// Since when.
        since: Date,
    },
    /// Not in the table.
    Unknown,
}

/// The status of `runtime` on `today`.
pub fn runtime_status(runtime: &str, today: Date) -> RuntimeStatus {
    let Some(&(_, deprecated, create, update)) = LIFECYCLE.iter().find(|r| r.0 == runtime) else {
        return RuntimeStatus::Unknown;
    };
    match (update, create) {
        (Some(u), _) if today >= u => RuntimeStatus::Blocked { since: u },
        (_, Some(c)) if today >= c => RuntimeStatus::CreateBlocked { since: c },
        _ if today >= deprecated => RuntimeStatus::Deprecated { since: deprecated },
        _ => RuntimeStatus::Supported { deprecated },
    }
}

/// Checks a runtime for a new function on `today`: what LMB-1 to LMB-4 report, if anything.
pub(crate) fn check_runtime(runtime: &str, today: Date) -> Option<Violation> {
    let loc = Location::pipeline(Field::Template);
    let hint = "upgrade vsm: newer releases move the mock function to a supported runtime";
    if !(runtime.starts_with("python") || runtime.starts_with("nodejs")) {
        return Some(Violation::error(
            LMB_4,
            loc,
            format!("inline function code needs a python or nodejs runtime, not {runtime}"),
            hint,
        ));
    }
    Some(match runtime_status(runtime, today) {
        RuntimeStatus::Supported { .. } => return None,
        RuntimeStatus::Blocked { since } => Violation::error(
            LMB_2,
            loc,
            format!("Lambda runtime {runtime} can no longer be created or updated (since {since})"),
            hint,
        ),
        RuntimeStatus::CreateBlocked { since } => Violation::error(
            LMB_1,
            loc,
            format!(
                "Lambda runtime {runtime} can no longer be used for new functions (since {since})"
            ),
            hint,
        ),
        RuntimeStatus::Deprecated { since } => Violation::warning(
            LMB_3,
            loc,
            format!("Lambda runtime {runtime} is deprecated since {since}"),
            hint,
        ),
        RuntimeStatus::Unknown => Violation::warning(
            LMB_3,
            loc,
            format!("Lambda runtime {runtime} is not in the lifecycle table"),
            hint,
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::MOCK_RUNTIME;

    #[test]
    fn lifecycle_boundaries() {
        let day_before = Date::new(2027, 1, 31);
        let block = Date::new(2027, 2, 1);
        assert_eq!(
            runtime_status("python3.10", day_before),
            RuntimeStatus::Deprecated {
                since: d(2026, 10, 31)
            }
        );
        assert_eq!(
            runtime_status("python3.10", block),
            RuntimeStatus::CreateBlocked { since: block }
        );
        assert_eq!(
            runtime_status("nodejs14.x", d(2027, 3, 2)),
            RuntimeStatus::CreateBlocked {
                since: d(2024, 1, 9)
            }
        );
        assert_eq!(
            runtime_status("nodejs14.x", d(2027, 3, 3)),
            RuntimeStatus::Blocked {
                since: d(2027, 3, 3)
            }
        );
        assert_eq!(
            runtime_status("python3.13", d(2029, 6, 29)),
            RuntimeStatus::Supported {
                deprecated: d(2029, 6, 30)
            }
        );
        assert_eq!(
            runtime_status("cobol", d(2026, 1, 1)),
            RuntimeStatus::Unknown
        );
    }

    #[test]
    fn rule_ids_follow_status() {
        let today = Date::new(2026, 11, 27);
        assert_eq!(
            check_runtime("nodejs6.10", today).map(|v| v.rule.id()),
            Some("LMB-2")
        );
        assert_eq!(
            check_runtime("python3.7", today).map(|v| v.rule.id()),
            Some("LMB-1")
        );
        assert_eq!(
            check_runtime("nodejs20.x", today).map(|v| v.rule.id()),
            Some("LMB-3")
        );
        assert_eq!(
            check_runtime("java21", today).map(|v| v.rule.id()),
            Some("LMB-4")
        );
        assert_eq!(check_runtime(MOCK_RUNTIME, today), None);
        assert!(check_runtime(MOCK_RUNTIME, Date::new(2029, 6, 30)).is_some_and(|v| !v.is_error()));
    }
}

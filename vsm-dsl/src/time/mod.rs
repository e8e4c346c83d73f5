//! Time: short constructors for annotation durations (`mins(30)`, `hours(4)`, `days(2)`)
//! the calendar [`Date`] the emission-time rules take, and the [`Cron`] expressions of
//! deployment windows.

mod cron;
mod date;

pub use cron::{Cron, CronError};
pub use date::Date;

use std::time::Duration;

/// `n` minutes.
pub const fn mins(n: u64) -> Duration {
    Duration::from_secs(n * 60)
}

/// `n` hours.
pub const fn hours(n: u64) -> Duration {
    Duration::from_secs(n * 3600)
}

/// `n` days.
pub const fn days(n: u64) -> Duration {
    Duration::from_secs(n * 86_400)
}

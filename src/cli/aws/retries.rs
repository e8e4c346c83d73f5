//! How long vsm waits for AWS and how often it tries again.
//!
//! Every AWS request goes through the SDK's standard retry strategy: throttling errors, HTTP 500,
//! 502, 503 and 504, timeouts and broken connections are tried again after an exponential,
//! jittered backoff; any other error is final. The values below can be changed through the
//! environment, which the tests use to keep their waits short:
//!
//! | variable                    | default | meaning                                        |
//! |-----------------------------|---------|------------------------------------------------|
//! | `VSM_AWS_MAX_ATTEMPTS`      | 5       | tries of one request, the first included       |
//! | `VSM_AWS_CONNECT_TIMEOUT`   | 3.1     | seconds to open a connection                   |
//! | `VSM_AWS_ATTEMPT_TIMEOUT`   | 30      | seconds for one try, answer included           |
//! | `VSM_AWS_OPERATION_TIMEOUT` | 120     | seconds for a request, all its tries included  |
//! | `VSM_AWS_INITIAL_BACKOFF`   | 1       | seconds before the first retry after throttling |

use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use std::time::Duration;

use crate::cli::{Failure, Result};

/// Timeouts and retries of AWS requests.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Patience {
    /// Tries of one request, the first included.
    ///
    /// 5 rather than the SDK's 3: CloudFormation throttles `DescribeStacks` and
    /// `DescribeStackEvents` at a low rate per account, and a deploy polls them for minutes, often
    /// while other tools poll the same account. Two more tries ride out a burst of throttling;
    /// the standard strategy's retry quota still stops retries when most requests fail.
    pub max_attempts: u32,
    /// Time to open a TCP and TLS connection.
    ///
    /// The SDK's 3.1 seconds: AWS endpoints accept connections in milliseconds, so a longer
    /// wait only delays the retry on another connection.
    pub connect: Duration,
    /// Time for one try, from sending the request to the end of the answer.
    ///
    /// 30 seconds: the slowest call vsm makes uploads a template of up to 1 MB to S3 or sends
    /// one of 51,200 bytes inline; CloudFormation answers its other calls within a second or
    /// two. An answer slower than this is taken as a lost connection and the request is tried
    /// again (CloudFormation's calls that change things carry a client token or are safe to
    /// repeat; deploy checks what a lost answer did).
    pub attempt: Duration,
    /// Time for a request, every try and backoff included.
    ///
    /// 2 minutes: a bound on how long one call can keep the command waiting before it ends
    /// with an error. It leaves room for the backoffs between five tries (at most 1 + 2 + 4 + 8
    /// seconds after throttling) and a couple of slow answers.
    pub operation: Duration,
    /// Backoff before the first retry after throttling; it doubles with each retry, up to 20
    /// seconds, with jitter. The SDK's own value. (Other transient errors back off from 50 ms.)
    pub initial_backoff: Duration,
}

impl Default for Patience {
    fn default() -> Self {
        Self {
            max_attempts: 5,
            connect: Duration::from_millis(3100),
            attempt: Duration::from_secs(30),
            operation: Duration::from_secs(120),
            initial_backoff: Duration::from_secs(1),
        }
    }
}

impl Patience {
    /// The defaults, changed by the `VSM_AWS_*` variables that are set.
    pub fn from_env() -> Result<Self> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self> {
        let mut out = Self::default();
        if let Some(text) = get("VSM_AWS_MAX_ATTEMPTS") {
            out.max_attempts = text
                .trim()
                .parse()
                .ok()
                .filter(|n| *n >= 1)
                .ok_or_else(|| {
                    Failure::trouble(format!(
                        "VSM_AWS_MAX_ATTEMPTS={text:?} is not a whole number of at least 1"
                    ))
                })?;
        }
        for (name, field) in [
            ("VSM_AWS_CONNECT_TIMEOUT", &mut out.connect),
            ("VSM_AWS_ATTEMPT_TIMEOUT", &mut out.attempt),
            ("VSM_AWS_OPERATION_TIMEOUT", &mut out.operation),
            ("VSM_AWS_INITIAL_BACKOFF", &mut out.initial_backoff),
        ] {
            if let Some(text) = get(name) {
                *field = seconds(&text).ok_or_else(|| {
                    Failure::trouble(format!(
                        "{name}={text:?} is not a number of seconds (such as 30 or 0.5)"
                    ))
                })?;
            }
        }
        Ok(out)
    }

    /// The SDK's retry configuration.
    pub fn retry_config(&self) -> RetryConfig {
        // Standard, not adaptive: adaptive mode adds a client-side rate limiter for clients that
        // send many requests at once; vsm sends one at a time.
        RetryConfig::standard()
            .with_max_attempts(self.max_attempts)
            .with_initial_backoff(self.initial_backoff)
            .with_max_backoff(Duration::from_secs(20))
    }

    /// The SDK's timeout configuration.
    pub fn timeout_config(&self) -> TimeoutConfig {
        TimeoutConfig::builder()
            .connect_timeout(self.connect)
            .operation_attempt_timeout(self.attempt)
            .operation_timeout(self.operation.max(self.attempt))
            .build()
    }
}

/// A positive, finite number of seconds.
fn seconds(text: &str) -> Option<Duration> {
    let value: f64 = text.trim().parse().ok()?;
    (value.is_finite() && value > 0.0 && value < 86_400.0).then(|| Duration::from_secs_f64(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    #[test]
    fn defaults_without_variables() {
        assert_eq!(
            Patience::from_lookup(lookup(&[])).unwrap(),
            Patience::default()
        );
        let retry = Patience::default().retry_config();
        assert_eq!(retry.max_attempts(), 5);
        let timeouts = Patience::default().timeout_config();
        assert_eq!(
            timeouts.operation_attempt_timeout(),
            Some(Duration::from_secs(30))
        );
        assert_eq!(timeouts.operation_timeout(), Some(Duration::from_secs(120)));
    }

    #[test]
    fn variables_change_the_values() {
        let p = Patience::from_lookup(lookup(&[
            ("VSM_AWS_MAX_ATTEMPTS", "3"),
            ("VSM_AWS_ATTEMPT_TIMEOUT", "0.5"),
            ("VSM_AWS_OPERATION_TIMEOUT", "4"),
        ]))
        .unwrap();
        assert_eq!(p.max_attempts, 3);
        assert_eq!(p.attempt, Duration::from_millis(500));
        assert_eq!(p.operation, Duration::from_secs(4));
        assert_eq!(p.connect, Patience::default().connect);
    }

    #[test]
    fn bad_values_are_named() {
        for (name, value) in [
            ("VSM_AWS_MAX_ATTEMPTS", "0"),
            ("VSM_AWS_MAX_ATTEMPTS", "many"),
            ("VSM_AWS_ATTEMPT_TIMEOUT", "-1"),
            ("VSM_AWS_CONNECT_TIMEOUT", "NaN"),
        ] {
            let err = Patience::from_lookup(lookup(&[(name, value)])).unwrap_err();
            assert!(
                err.message.starts_with(&format!("{name}=\"{value}\"")),
                "{}",
                err.message
            );
        }
    }
}

//! Rule violations: what is wrong, where, which rule, and how to fix it.

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;

pub use crate::catalogue::RuleId;

/// Texts longer than this many characters are cut in messages by [`shorten`] and [`quote`].
///
/// Every name CodePipeline accepts (at most 100 characters) is shown whole.
pub const MESSAGE_TEXT_LIMIT: usize = 100;

/// Characters kept at each end of a cut text.
const KEPT: usize = 40;

/// The start and end of a long text around an ellipsis; `None` when it is short enough.
fn cut(text: &str) -> Option<(String, usize)> {
    let count = text.chars().count();
    if count <= MESSAGE_TEXT_LIMIT {
        return None;
    }
    let head: String = text.chars().take(KEPT).collect();
    let tail: String = text.chars().skip(count - KEPT).collect();
    Some((format!("{head}…{tail}"), count))
}

/// A name or value as a message shows it: whole when it has at most
/// [`MESSAGE_TEXT_LIMIT`] characters, otherwise its start and end around an ellipsis with its
/// full length, such as `aaaa…aaaa (100000 characters)`.
///
/// ```
/// use vsm_dsl::diagnostic::shorten;
/// assert_eq!(shorten("Build"), "Build");
/// let long = "x".repeat(100_000);
/// assert_eq!(shorten(&long), format!("{0}…{0} (100000 characters)", "x".repeat(40)));
/// ```
pub fn shorten(text: &str) -> Cow<'_, str> {
    match cut(text) {
        None => Cow::Borrowed(text),
        Some((short, count)) => Cow::Owned(format!("{short} ({count} characters)")),
    }
}

/// A name or value in quotes (escaped as Rust's `{:?}` does), cut as [`shorten`] cuts it, the
/// length outside the quotes: `"Build"`, or `"aaaa…aaaa" (100000 characters)`.
///
/// ```
/// use vsm_dsl::diagnostic::quote;
/// assert_eq!(quote("Build"), "\"Build\"");
/// let long = "x".repeat(100_000);
/// assert_eq!(quote(&long), format!("\"{0}…{0}\" (100000 characters)", "x".repeat(40)));
/// ```
pub fn quote(text: &str) -> String {
    match cut(text) {
        None => format!("{text:?}"),
        Some((short, count)) => format!("{short:?} ({count} characters)"),
    }
}

/// The message with every quoted text longer than [`MESSAGE_TEXT_LIMIT`] cut as [`quote`] cuts
/// it, so that no rule prints a 100,000-character name whole, however it formats the name.
fn cut_quoted(message: String) -> String {
    if message.chars().count() <= MESSAGE_TEXT_LIMIT {
        return message;
    }
    let mut out = String::with_capacity(message.len().min(1024));
    let mut rest = message.as_str();
    while let Some(open) = rest.find('"') {
        out.push_str(&rest[..=open]);
        let after = &rest[open + 1..];
        let Some(close) = closing_quote(after) else {
            rest = after;
            continue;
        };
        let inner = &after[..close];
        match cut(inner) {
            Some((short, count)) => {
                let _ = fmt::Write::write_fmt(
                    &mut out,
                    format_args!("{}\" ({count} characters)", short.trim_end_matches('\\')),
                );
            }
            None => {
                out.push_str(inner);
                out.push('"');
            }
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// The byte index of the first `"` not escaped by a backslash.
fn closing_quote(text: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return Some(i),
            _ => escaped = false,
        }
    }
    None
}

/// How serious a violation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Works, but is likely a mistake or costs more than it should.
    Warning,
    /// AWS would refuse the pipeline or the template.
    Error,
}

/// The part of a node a violation points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Field {
    /// The node as a whole.
    Node,
    /// Its name.
    Name,
    /// An action's run order.
    RunOrder,
    /// An action's type.
    Kind,
    /// An action's input artifact, by position.
    Input(usize),
    /// An action's output artifact, by position.
    Output(usize),
    /// An action's namespace.
    Namespace,
    /// The template conditions a stage or an action is present under (`when`, `unless`).
    When,
    /// The account an action runs in.
    Account,
    /// The Region an action runs in.
    Region,
    /// The role an action assumes.
    ActionRole,
    /// An action's configuration value, by its CodePipeline key.
    Config(&'static str),
    /// A property of an action's kind, by key (`template`, `timeout`).
    Prop(&'static str),
    /// An action's process time.
    ProcessTime,
    /// An action's wait time.
    WaitTime,
    /// An action's %C&A.
    CompleteAccurate,
    /// A pipeline setting, by key (`execution_mode`; the keys are
    /// `crate::model::settings::key`).
    Setting(&'static str),
    /// One item of a list setting, by key and position (`variables`, 0).
    SettingItem(&'static str, usize),
    /// The generated template.
    Template,
    /// A stage's condition, by its stage setting's key (`before_entry`): its result.
    Condition(&'static str),
    /// A rule of a stage's condition, by the setting's key and the rule's position.
    Rule(&'static str, usize),
    /// A property of a rule of a stage's condition (`cron`), or one of the keys every rule
    /// takes (`name`, `inputs`, `region`, `role_arn`).
    RuleProp(&'static str, usize, &'static str),
}

impl Field {
    /// How the JSON form and messages name the field: `name`, `input`, `variable`.
    pub fn kind(&self) -> Cow<'static, str> {
        let plain = match self {
            Self::Node => "node",
            Self::Name => "name",
            Self::RunOrder => "run_order",
            Self::Kind => "kind",
            Self::Input(_) => "input",
            Self::Output(_) => "output",
            Self::Namespace => "namespace",
            Self::When => "when",
            Self::Account => "account",
            Self::Region => "region",
            Self::ActionRole => "action_role",
            Self::Config(_) => "config",
            Self::Prop(_) => "prop",
            Self::ProcessTime => "process_time",
            Self::WaitTime => "wait_time",
            Self::CompleteAccurate => "complete_accurate",
            Self::Setting(key) => key,
            // A list setting's item is named in the singular: `variables` → `variable`.
            Self::SettingItem(key, _) => return singular(key),
            Self::Template => "template",
            Self::Condition(key) => key,
            Self::Rule(..) => "rule",
            Self::RuleProp(..) => "rule_prop",
        };
        Cow::Borrowed(plain)
    }
}

/// `variables` → `variable`.
fn singular(key: &'static str) -> Cow<'static, str> {
    Cow::Borrowed(key.strip_suffix('s').unwrap_or(key))
}

impl Serialize for Field {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let index: Option<serde_json::Value> = match *self {
            Self::Input(i) | Self::Output(i) | Self::SettingItem(_, i) => Some(i.into()),
            Self::Config(key) | Self::Prop(key) => Some(key.into()),
            Self::Rule(key, i) => Some(serde_json::json!([key, i])),
            Self::RuleProp(key, i, prop) => Some(serde_json::json!([key, i, prop])),
            _ => None,
        };
        let mut st = s.serialize_struct("Field", if index.is_some() { 2 } else { 1 })?;
        st.serialize_field("kind", &self.kind())?;
        if let Some(index) = index {
            st.serialize_field("index", &index)?;
        }
        st.end()
    }
}

/// Where a violation is: pipeline, stage or action, and the field within it.
///
/// Indexes let front ends map a violation back to their own source (the `stream!` macro turns
/// them into spans); names make it readable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    /// Stage index and name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stage: Option<(usize, String)>,
    /// Action index within the stage, and name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<(usize, String)>,
    /// The field.
    pub field: Field,
}

impl Location {
    /// The pipeline itself.
    pub fn pipeline(field: Field) -> Self {
        Self {
            stage: None,
            action: None,
            field,
        }
    }

    /// A stage.
    pub fn stage(index: usize, name: &str, field: Field) -> Self {
        Self {
            stage: Some((index, name.to_owned())),
            action: None,
            field,
        }
    }

    /// An action.
    pub fn action(stage: (usize, &str), action: (usize, &str), field: Field) -> Self {
        Self {
            stage: Some((stage.0, stage.1.to_owned())),
            action: Some((action.0, action.1.to_owned())),
            field,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.stage, &self.action) {
            (Some((_, s)), Some((_, a))) => write!(f, "stage {} / action {}", quote(s), quote(a))?,
            (Some((_, s)), None) => write!(f, "stage {}", quote(s))?,
            _ => f.write_str("pipeline")?,
        }
        match self.field {
            Field::Input(i) => write!(f, " / input #{}", i + 1),
            Field::Output(i) => write!(f, " / output #{}", i + 1),
            Field::Config(key) | Field::Prop(key) => write!(f, " / {key}"),
            Field::SettingItem(key, i) => write!(f, " / {} #{}", singular(key), i + 1),
            Field::Setting(key) => write!(f, " / {}", key.replace('_', " ")),
            Field::RunOrder => f.write_str(" / run order"),
            Field::Namespace => f.write_str(" / namespace"),
            Field::When => f.write_str(" / when"),
            Field::Account => f.write_str(" / account"),
            Field::Region => f.write_str(" / region"),
            Field::ActionRole => f.write_str(" / action role"),
            Field::ProcessTime => f.write_str(" / process time"),
            Field::WaitTime => f.write_str(" / wait time"),
            Field::CompleteAccurate => f.write_str(" / %C&A"),
            Field::Template => f.write_str(" / template"),
            Field::Condition(key) => write!(f, " / {}", key.replace('_', " ")),
            Field::Rule(key, i) => write!(f, " / {} / rule #{}", key.replace('_', " "), i + 1),
            Field::RuleProp(key, i, prop) => {
                write!(f, " / {} / rule #{} / {prop}", key.replace('_', " "), i + 1)
            }
            Field::Node | Field::Name | Field::Kind => Ok(()),
        }
    }
}

/// One broken rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Violation {
    /// The rule, such as `CP-NAME-10`.
    pub rule: RuleId,
    /// Error or warning.
    pub severity: Severity,
    /// Where.
    pub location: Location,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
    /// A related place, such as the first definition of a duplicate, with a note.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub related: Option<(Location, String)>,
}

impl Violation {
    /// An error.
    pub fn error(
        rule: RuleId,
        location: Location,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        Self {
            rule,
            severity: Severity::Error,
            location,
            message: cut_quoted(message.into()),
            hint: cut_quoted(hint.into()),
            related: None,
        }
    }

    /// A warning.
    pub fn warning(
        rule: RuleId,
        location: Location,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(rule, location, message, hint)
        }
    }

    /// Adds a related place with a note.
    pub fn with_related(mut self, location: Location, note: impl Into<String>) -> Self {
        self.related = Some((location, cut_quoted(note.into())));
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{level}[{}] {}: {}",
            self.rule, self.location, self.message
        )?;
        if let Some((loc, note)) = &self.related {
            write!(f, "\n  note: {loc}: {note}")?;
        }
        if !self.hint.is_empty() {
            write!(f, "\n  hint: {}", self.hint)?;
        }
        Ok(())
    }
}

/// Every violation found in a stream; returned by `build()` when any is an error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct ValidationErrors {
    violations: Vec<Violation>,
}

impl ValidationErrors {
    /// Wraps a list of violations.
    pub fn new(violations: Vec<Violation>) -> Self {
        Self { violations }
    }

    /// All violations, errors and warnings, in the order the rules found them.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// Only the errors.
    pub fn errors(&self) -> impl Iterator<Item = &Violation> {
        self.violations.iter().filter(|v| v.is_error())
    }

    /// The rule ids, in order (handy in tests).
    pub fn rule_ids(&self) -> Vec<&'static str> {
        self.violations.iter().map(|v| v.rule.id()).collect()
    }

    /// Number of violations.
    pub fn len(&self) -> usize {
        self.violations.len()
    }

    /// True when there is none.
    pub fn is_empty(&self) -> bool {
        self.violations.is_empty()
    }
}

impl IntoIterator for ValidationErrors {
    type Item = Violation;
    type IntoIter = std::vec::IntoIter<Violation>;
    fn into_iter(self) -> Self::IntoIter {
        self.violations.into_iter()
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let errors = self.errors().count();
        let warnings = self.violations.len() - errors;
        writeln!(
            f,
            "the value stream is invalid: {errors} error(s), {warnings} warning(s)"
        )?;
        for v in &self.violations {
            writeln!(f, "\n{v}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_texts_are_whole() {
        let hundred = "n".repeat(MESSAGE_TEXT_LIMIT);
        assert!(matches!(shorten(&hundred), Cow::Borrowed(_)));
        assert_eq!(quote(&hundred), format!("{hundred:?}"));
        assert_eq!(quote("a\"b\n"), "\"a\\\"b\\n\"");
    }

    #[test]
    fn long_texts_keep_both_ends_and_their_length() {
        let long = format!("{}{}", "é".repeat(60), "z".repeat(60));
        let short = shorten(&long);
        assert_eq!(
            short,
            format!("{}…{} (120 characters)", "é".repeat(40), "z".repeat(40))
        );
        let long = "q".repeat(100_000);
        assert_eq!(quote(&long).chars().count(), 103);
        assert!(quote(&long).ends_with("\" (100000 characters)"));
    }

    #[test]
    fn locations_cut_long_names() {
        let name = "S".repeat(100_000);
        let text = Location::action((1, &name), (0, &name), Field::Name).to_string();
        let cut = format!("\"{0}…{0}\" (100000 characters)", "S".repeat(40));
        assert_eq!(text, format!("stage {cut} / action {cut}"));
        let text = Location::stage(0, "Build", Field::RunOrder).to_string();
        assert_eq!(text, "stage \"Build\" / run order");
    }
}

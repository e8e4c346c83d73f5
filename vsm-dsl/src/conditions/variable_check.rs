//! `variable_check`: the condition holds when a pipeline variable compares as it should.

use crate::diagnostic::{quote, Violation};
use crate::kit::{choice, rule_type, Entry, Grants, RuleAt, RuleType};
use crate::model::{Stream, Text};

choice! {
    /// How a variable check compares the variable with the value.
    pub enum VariableOperator {
        /// The variable equals the value.
        #[default]
        Eq = "EQ",
        /// The variable holds the value.
        Contains = "CONTAINS",
        /// The variable matches the value, a Java regular expression.
        Matches = "MATCHES",
        /// The variable differs from the value.
        Ne = "NE",
    }
}

rule_type! {
    /// A variable check: the rule compares a variable of the execution (`#{SourceVariables.BranchName}`,
    /// `#{variables.Env}`) with a value.
    #[rule(variable_check)]
    pub struct VariableCheck {
        required {
            /// The variable, as a reference: `#{namespace.key}` or `#{variables.NAME}`.
            variable: Text,
            /// How to compare.
            operator: VariableOperator,
            /// The value to compare with.
            value: Text,
        }
    }
}

crate::catalogue::rules! {
    RULES:
    CP_COND_13 = compile("CP-COND-13", "a variable check reads a variable reference `#{namespace.key}`");
}

impl RuleType for VariableCheck {
    const PROVIDER: &'static str = "VariableCheck";
    const SKIPS: bool = true;
    const RULES: &'static [crate::catalogue::RuleId] = RULES;

    fn configuration(&self) -> Vec<Entry<'_>> {
        vec![
            Entry::of("Variable", "variable", &self.variable),
            Entry::of("Value", "value", &self.value),
            Entry::owned(
                "Operator",
                Some("operator"),
                self.operator.as_str().to_owned(),
            ),
        ]
    }

    fn check(&self, at: &RuleAt<'_>, _stream: &Stream, out: &mut Vec<Violation>) {
        let Some(variable) = self.variable.as_str() else {
            return;
        };
        let reference = variable.starts_with("#{")
            && variable.ends_with('}')
            && variable[2..variable.len() - 1]
                .split_once('.')
                .is_some_and(|(ns, key)| !ns.is_empty() && !key.is_empty());
        if !reference {
            out.push(Violation::error(
                CP_COND_13,
                at.prop("variable"),
                format!("{} is not a variable reference", quote(variable)),
                "write the variable as `#{namespace.key}`, such as `#{SourceVariables.BranchName}`, or `#{variables.NAME}`",
            ));
        }
    }

    /// A variable check reads no resource.
    fn grant(&self, _grants: &mut Grants, _stream: &Stream, _region: Option<&Text>) {}
}

//! `commands`: the condition holds when shell commands succeed.

use crate::cfn::RuleDeclaration;
use crate::diagnostic::{quote, Violation};
use crate::kit::{grant_command_logs, rule_type, Entry, Grants, RuleAt, RuleType};
use crate::model::props::PropValue;
use crate::model::{Stream, Text};

rule_type! {
    /// A commands check: the rule runs shell commands on CodePipeline's managed CodeBuild
    /// compute, with the pipeline role's permissions, and succeeds when they do.
    #[rule(commands)]
    pub struct CommandsCheck {
        optional {
            /// The commands, 1–50 single lines of at most 1000 characters.
            commands: Vec<String>,
        }
    }
}

crate::catalogue::rules! {
    RULES:
    CP_COND_14 = compile("CP-COND-14", "a commands rule runs 1–50 single-line commands of 1–1000 characters");
}

impl RuleType for CommandsCheck {
    const PROVIDER: &'static str = "Commands";
    const RULES: &'static [crate::catalogue::RuleId] = RULES;

    fn configuration(&self) -> Vec<Entry<'_>> {
        Vec::new()
    }

    fn declare(&self, decl: &mut RuleDeclaration) {
        decl.commands = self.commands.clone();
    }

    fn declared(decl: &RuleDeclaration) -> Vec<(String, PropValue)> {
        if decl.commands.is_empty() {
            return Vec::new();
        }
        let list = decl.commands.iter().cloned().map(PropValue::Text).collect();
        vec![("commands".to_owned(), PropValue::List(list))]
    }

    fn check(&self, at: &RuleAt<'_>, _stream: &Stream, out: &mut Vec<Violation>) {
        let n = self.commands.len();
        if n == 0 || n > 50 {
            out.push(Violation::error(
                CP_COND_14,
                at.prop("commands"),
                format!("a commands rule runs 1 to 50 commands, not {n}"),
                "list the shell commands to run, one per item",
            ));
        }
        for c in &self.commands {
            let len = c.chars().count();
            if len == 0 || len > 1000 || c.contains('\n') {
                out.push(Violation::error(
                    CP_COND_14,
                    at.prop("commands"),
                    format!("command {} is not one line of 1–1000 characters", quote(c)),
                    "split it into several commands, or move it into a script in an input artifact",
                ));
            }
        }
    }

    /// CloudWatch Logs writes on the pipeline's own log group, like the Commands action.
    fn grant(&self, grants: &mut Grants, stream: &Stream, _region: Option<&Text>) {
        grant_command_logs(grants, &stream.name);
    }
}

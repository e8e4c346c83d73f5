//! CFN-TPL-10 and CFN-TPL-11: references to parameters, resources, conditions and mappings that
//! do not exist (`Ref`, `Fn::GetAtt`, `Fn::Sub`'s `${..}`, `DependsOn`, `Condition`, `Fn::If`,
//! `Fn::FindInMap`).
//!
//! A name computed by an intrinsic function (`Fn::FindInMap: [!Ref MapName, ..]`) is unknown,
//! not wrong, and is not checked. A template with a Transform is not checked at all: its macros
//! (SAM, `AWS::LanguageExtensions`, custom ones) add parameters, resources and conditions
//! before CloudFormation resolves references.

use crate::catalogue::{RuleId, CFN_TPL_10, CFN_TPL_11};
use std::collections::{BTreeMap, BTreeSet};

use super::Finding;
use crate::cfn::source::{escape_key, Node, NodeKind};
use crate::cfn::{sub_variables, Document, Mapping, PSEUDO_PARAMETERS};

/// The reference findings of a template.
pub(super) fn check(doc: &Document) -> Vec<Finding> {
    let t = &doc.template;
    if t.transform.is_some() || !t.loops.is_empty() {
        return Vec::new();
    }
    let mut checker = Checker {
        parameters: t.parameters.keys().map(String::as_str).collect(),
        resources: t.resources.keys().map(String::as_str).collect(),
        conditions: t.conditions.keys().map(String::as_str).collect(),
        mappings: &doc.template.mappings,
        path: Vec::new(),
        findings: Vec::new(),
    };
    let root = &doc.source;
    checker.section(root, "Resources", Checker::resource);
    checker.section(root, "Outputs", Checker::output);
    checker.section(root, "Conditions", |c, n| c.walk(n, true));
    checker.section(root, "Rules", |c, n| c.walk(n, false));
    checker.findings
}

struct Checker<'a> {
    parameters: BTreeSet<&'a str>,
    resources: BTreeSet<&'a str>,
    conditions: BTreeSet<&'a str>,
    mappings: &'a BTreeMap<String, Mapping>,
    /// Path of the node being checked.
    path: Vec<String>,
    findings: Vec<Finding>,
}

impl Checker<'_> {
    /// Runs `check` on every entry of a top-level section.
    fn section(&mut self, root: &Node, name: &str, check: impl Fn(&mut Self, &Node)) {
        let Some(entries) = root.field(name).and_then(Node::as_mapping) else {
            return;
        };
        self.path.push(name.to_owned());
        for entry in entries {
            self.path.push(escape_key(&entry.key).into_owned());
            check(self, &entry.value);
            self.path.pop();
        }
        self.path.pop();
    }

    /// Runs `f` with `segment` added to the path.
    fn under(&mut self, segment: &str, f: impl FnOnce(&mut Self)) {
        self.path.push(escape_key(segment).into_owned());
        f(self);
        self.path.pop();
    }

    fn finding(&mut self, rule: RuleId, node: &Node, message: String, hint: String) {
        self.findings.push(Finding::error(
            rule,
            self.path.join("/"),
            node.position,
            message,
            hint,
        ));
    }

    /// A resource's attributes and properties (its Metadata is not evaluated, so not checked).
    fn resource(&mut self, node: &Node) {
        for entry in node.as_mapping().unwrap_or_default() {
            let value = &entry.value;
            self.under(&entry.key, |c| match entry.key.as_str() {
                "DependsOn" => c.depends_on(value),
                "Condition" => c.condition_name(value),
                "Metadata" | "Type" => {}
                _ => c.walk(value, false),
            });
        }
    }

    fn output(&mut self, node: &Node) {
        for entry in node.as_mapping().unwrap_or_default() {
            let value = &entry.value;
            self.under(&entry.key, |c| match entry.key.as_str() {
                "Condition" => c.condition_name(value),
                _ => c.walk(value, false),
            });
        }
    }

    fn depends_on(&mut self, node: &Node) {
        let one = |c: &mut Self, n: &Node| {
            if let Some(name) = n.as_str() {
                if !c.resources.contains(name) {
                    let hint = c.suggest("name a resource of this template", name, Kind::Resource);
                    c.finding(
                        CFN_TPL_11,
                        n,
                        format!("DependsOn {name}: no resource {name}"),
                        hint,
                    );
                }
            }
        };
        match node.as_sequence() {
            Some(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.under(&i.to_string(), |c| one(c, item));
                }
            }
            None => one(self, node),
        }
    }

    fn condition_name(&mut self, node: &Node) {
        if let Some(name) = node.as_str() {
            if !self.conditions.contains(name) {
                let hint = self.suggest("declare it under Conditions", name, Kind::Condition);
                self.finding(CFN_TPL_10, node, format!("no condition {name}"), hint);
            }
        }
    }

    /// Every value inside `node`; `conditions` is true inside the Conditions section, where
    /// `{"Condition": name}` refers to a condition.
    fn walk(&mut self, node: &Node, conditions: bool) {
        match &node.kind {
            NodeKind::Sequence(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.under(&i.to_string(), |c| c.walk(item, conditions));
                }
            }
            NodeKind::Mapping(entries) => {
                if let [entry] = entries.as_slice() {
                    let arg = &entry.value;
                    let done = self.intrinsic(&entry.key, arg, conditions);
                    if done {
                        return;
                    }
                }
                for entry in entries {
                    self.under(&entry.key, |c| c.walk(&entry.value, conditions));
                }
            }
            _ => {}
        }
    }

    /// Checks a function's names; true when the argument needs no further walk.
    fn intrinsic(&mut self, key: &str, arg: &Node, conditions: bool) -> bool {
        match key {
            "Ref" => self.under(key, |c| c.reference(arg)),
            "Condition" if conditions => self.under(key, |c| c.condition_name(arg)),
            "Fn::GetAtt" => self.under(key, |c| c.get_att(arg)),
            "Fn::Sub" => return self.under_sub(arg, conditions),
            "Fn::If" => self.under(key, |c| {
                if let Some(first) = arg.as_sequence().and_then(|a| a.first()) {
                    c.under("0", |c| c.condition_name(first));
                }
            }),
            "Fn::FindInMap" => {
                self.under(key, |c| c.find_in_map(arg));
                return arg.as_sequence().is_some();
            }
            _ => {}
        }
        matches!(key, "Ref" | "Condition") && arg.as_str().is_some()
    }

    fn reference(&mut self, arg: &Node) {
        let Some(name) = arg.as_str() else { return };
        if !self.is_value_name(name) {
            let hint = self.suggest(
                "declare a parameter or resource of that name",
                name,
                Kind::Value,
            );
            let message = format!("Ref {name}: no parameter or resource {name}");
            self.finding(CFN_TPL_10, arg, message, hint);
        }
    }

    fn get_att(&mut self, arg: &Node) {
        let (name, at, segment) = match &arg.kind {
            NodeKind::String(s) => (s.split('.').next().unwrap_or(s), arg, None),
            NodeKind::Sequence(items) => match items.first().and_then(|f| Some((f.as_str()?, f))) {
                Some((n, first)) => (n, first, Some("0")),
                None => return,
            },
            _ => return,
        };
        if !self.resources.contains(name) {
            let hint = self.suggest("name a resource of this template", name, Kind::Resource);
            let message = format!("Fn::GetAtt {name}: no resource {name}");
            self.path.extend(segment.map(str::to_owned));
            self.finding(CFN_TPL_10, at, message, hint);
            if segment.is_some() {
                self.path.pop();
            }
        }
    }

    /// `Fn::Sub` text and its own variables; walks the variables' values.
    fn under_sub(&mut self, arg: &Node, conditions: bool) -> bool {
        self.path.push("Fn::Sub".to_owned());
        let (text, vars, text_node) = match &arg.kind {
            NodeKind::String(s) => (Some(s.as_str()), None, arg),
            NodeKind::Sequence(items) => match items.as_slice() {
                [t, v] => (t.as_str(), Some(v), t),
                _ => (None, None, arg),
            },
            _ => (None, None, arg),
        };
        let own: BTreeSet<&str> = vars
            .and_then(Node::as_mapping)
            .map(|e| e.iter().map(|x| x.key.as_str()).collect())
            .unwrap_or_default();
        if let Some(text) = text {
            let segment = if vars.is_some() { Some("0") } else { None };
            self.path.extend(segment.map(str::to_owned));
            self.sub_text(text, &own, text_node);
            if segment.is_some() {
                self.path.pop();
            }
        }
        if let Some(v) = vars {
            self.under("1", |c| c.walk(v, conditions));
        }
        self.path.pop();
        text.is_some()
    }

    fn sub_text(&mut self, text: &str, own: &BTreeSet<&str>, node: &Node) {
        for var in sub_variables(text) {
            if own.contains(var.name) {
                continue;
            }
            let (ok, what, kind) = match var.attribute {
                Some(_) => (
                    self.resources.contains(var.name),
                    "resource",
                    Kind::Resource,
                ),
                None => (
                    self.is_value_name(var.name),
                    "parameter or resource",
                    Kind::Value,
                ),
            };
            if !ok {
                let hint = self.suggest(
                    "declare it, or write ${!Literal} for literal text",
                    var.name,
                    kind,
                );
                let shown = match var.attribute {
                    Some(a) => format!("{}.{a}", var.name),
                    None => var.name.to_owned(),
                };
                let message = format!("Fn::Sub ${{{shown}}}: no {what} {}", var.name);
                self.finding(CFN_TPL_10, node, message, hint);
            }
        }
    }

    /// `[map, top key, second key]`: a literal map name must be a mapping; literal keys must
    /// be in it, unless a default value is given.
    fn find_in_map(&mut self, arg: &Node) {
        let Some(items) = arg.as_sequence() else {
            return;
        };
        self.under_each(items);
        let [map_node, top, second, rest @ ..] = items else {
            return;
        };
        let Some(name) = map_node.as_str() else {
            return;
        };
        let Some(mapping) = self.mappings.get(name) else {
            let hint = self.suggest("declare it under Mappings", name, Kind::Mapping);
            self.path.push("0".to_owned());
            self.finding(
                CFN_TPL_10,
                map_node,
                format!("Fn::FindInMap: no mapping {name}"),
                hint,
            );
            self.path.pop();
            return;
        };
        if !rest.is_empty() {
            return;
        }
        let Some(top_key) = top.as_str() else { return };
        let missing = match mapping.get(top_key) {
            None => Some(("1", top, format!("mapping {name} has no key {top_key}"))),
            Some(inner) => second
                .as_str()
                .filter(|k| !inner.contains_key(*k))
                .map(|k| {
                    (
                        "2",
                        second,
                        format!("mapping {name} has no key {k} under {top_key}"),
                    )
                }),
        };
        if let Some((i, node, message)) = missing {
            self.path.push(i.to_owned());
            let hint = "use a key of the mapping, or give a DefaultValue".to_owned();
            self.finding(CFN_TPL_10, node, format!("Fn::FindInMap: {message}"), hint);
            self.path.pop();
        }
    }

    fn under_each(&mut self, items: &[Node]) {
        for (i, item) in items.iter().enumerate() {
            self.under(&i.to_string(), |c| c.walk(item, false));
        }
    }

    fn is_value_name(&self, name: &str) -> bool {
        self.parameters.contains(name)
            || self.resources.contains(name)
            || PSEUDO_PARAMETERS.contains(&name)
    }

    /// `hint`, or "did you mean X?" when a declared name of that kind is close.
    fn suggest(&self, hint: &str, name: &str, kind: Kind) -> String {
        let pseudo: BTreeSet<&str> = PSEUDO_PARAMETERS.into_iter().collect();
        let mappings: BTreeSet<&str> = self.mappings.keys().map(String::as_str).collect();
        let pools: Vec<&BTreeSet<&str>> = match kind {
            Kind::Value => vec![&self.parameters, &self.resources, &pseudo],
            Kind::Resource => vec![&self.resources],
            Kind::Condition => vec![&self.conditions],
            Kind::Mapping => vec![&mappings],
        };
        let best = pools
            .into_iter()
            .flatten()
            .map(|c| (distance(&name.to_lowercase(), &c.to_lowercase()), *c))
            .filter(|(d, c)| *d <= 2.max(c.len() / 4))
            .min();
        match best {
            Some((_, c)) => format!("did you mean {c}? otherwise {hint}"),
            None => hint.to_owned(),
        }
    }
}

/// What a name must be.
#[derive(Clone, Copy)]
enum Kind {
    /// A parameter, resource or pseudo parameter.
    Value,
    Resource,
    Condition,
    Mapping,
}

/// Levenshtein distance.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let here = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(here + 1);
            prev = here;
        }
    }
    row[b.len()]
}

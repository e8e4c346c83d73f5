//! The cases a stream's template conditions allow, for rules that must hold in each: which
//! stages and actions can be present together, and which are present in every case.

use std::collections::BTreeMap;

use super::presence::Presence;
use super::{Action, Settings, Stream};
use crate::cfn::{Expr, Intrinsic};

/// The cases a stream's template conditions allow: the assignments of the conditions its
/// stages and actions are present under, read from what the conditions test. Two conditions
/// comparing one parameter with different values are never both true, and a parameter with
/// allowed values takes only those; a test vsm cannot read (`Fn::Equals` of two computed
/// values) is free to be true or false.
#[derive(Debug, Clone)]
pub struct Cases {
    /// The conditions assigned, in name order.
    names: Vec<String>,
    /// Each assignment the conditions allow, once.
    rows: Vec<Vec<bool>>,
}

/// How many combinations of parameter values and free tests are enumerated at most.
const MAX_COMBINATIONS: usize = 1 << 12;

impl Cases {
    /// The cases of the conditions a stream's stages and actions are present under.
    pub fn of_stream(stream: &Stream) -> Self {
        let names: Vec<&str> = stream
            .stages
            .iter()
            .flat_map(|s| {
                std::iter::once(s.presence())
                    .chain(s.actions.iter().map(Action::presence))
                    .flat_map(|p| p.terms.into_iter().map(|t| t.condition))
            })
            .collect();
        Self::of(&stream.settings, &names)
    }

    /// The cases of `names` under the stream's declared conditions and parameters.
    pub fn of(settings: &Settings, names: &[&str]) -> Self {
        let mut names: Vec<String> = names.iter().map(|n| (*n).to_owned()).collect();
        names.sort();
        names.dedup();
        let mut reader = Reader {
            settings,
            domains: BTreeMap::new(),
            free: Vec::new(),
        };
        for n in &names {
            reader.collect_condition(n, &mut Vec::new());
        }
        let Reader { domains, free, .. } = reader;
        let sizes: Vec<usize> = domains
            .values()
            .map(Vec::len)
            .chain(free.iter().map(|_| 2))
            .collect();
        let combinations = sizes
            .iter()
            .try_fold(1usize, |n, s| n.checked_mul(*s))
            .filter(|n| *n <= MAX_COMBINATIONS);
        let mut rows: Vec<Vec<bool>> = Vec::new();
        let mut add = |row: Vec<bool>| {
            if !rows.contains(&row) {
                rows.push(row);
            }
        };
        match combinations {
            Some(count) => {
                for mut i in 0..count {
                    let mut picks = Vec::with_capacity(sizes.len());
                    for size in &sizes {
                        picks.push(i % size);
                        i /= size;
                    }
                    let values: BTreeMap<&str, &str> = domains
                        .iter()
                        .zip(&picks)
                        .map(|((p, d), i)| (p.as_str(), d[*i].as_str()))
                        .collect();
                    let atoms: Vec<(&str, bool)> = free
                        .iter()
                        .zip(&picks[domains.len()..])
                        .map(|(a, i)| (a.as_str(), *i == 1))
                        .collect();
                    let case = Case {
                        settings,
                        values: &values,
                        atoms: &atoms,
                    };
                    add(names.iter().map(|n| case.condition(n, 0)).collect());
                }
            }
            // Too many to enumerate: the conditions taken as independent, as far as that goes.
            None => {
                let n = names.len().min(12);
                for bits in 0u32..1 << n {
                    add((0..names.len())
                        .map(|i| i < n && bits & (1 << i) != 0)
                        .collect());
                }
            }
        }
        Self { names, rows }
    }

    /// The cases as lookups of a condition's value.
    fn each(&self) -> impl Iterator<Item = impl Fn(&str) -> bool + '_> + '_ {
        self.rows.iter().map(move |row| {
            move |c: &str| {
                self.names
                    .iter()
                    .position(|n| n == c)
                    .is_some_and(|i| row[i])
            }
        })
    }

    /// True when no case has both present.
    pub fn exclusive(&self, a: &Presence<'_>, b: &Presence<'_>) -> bool {
        a.excludes(b) || !self.each().any(|v| a.holds_under(&v) && b.holds_under(&v))
    }

    /// A case in which `p` is present and none of `others` is, as its conditions' values;
    /// `None` when some other is present whenever `p` is.
    pub fn uncovered(
        &self,
        p: &Presence<'_>,
        others: &[Presence<'_>],
    ) -> Option<Vec<(String, bool)>> {
        let named: Vec<&str> = p
            .terms
            .iter()
            .chain(others.iter().flat_map(|o| o.terms.iter()))
            .map(|t| t.condition)
            .fold(Vec::new(), |mut seen, c| {
                if !seen.contains(&c) {
                    seen.push(c);
                }
                seen
            });
        self.each()
            .find(|v| p.holds_under(v) && !others.iter().any(|o| o.holds_under(v)))
            .map(|v| named.iter().map(|c| ((*c).to_owned(), v(c))).collect())
    }
}

/// What the conditions test: parameters compared with literal values, and tests read as free.
struct Reader<'a> {
    settings: &'a Settings,
    /// A parameter's possible values: its allowed values, or the values compared with and one
    /// other.
    domains: BTreeMap<String, Vec<String>>,
    /// Tests vsm cannot read, by their JSON text.
    free: Vec<String>,
}

/// A value no comparison names.
const OTHER: &str = "\u{0}other";

impl Reader<'_> {
    fn collect_condition(&mut self, name: &str, seen: &mut Vec<String>) {
        if seen.iter().any(|s| s == name) {
            return;
        }
        seen.push(name.to_owned());
        match self.settings.conditions.iter().find(|c| c.name == name) {
            Some(c) => self.collect(&c.test.clone(), seen),
            None => self.atom(format!("{{\"Condition\":{name:?}}}")),
        }
    }

    fn collect(&mut self, e: &Expr, seen: &mut Vec<String>) {
        let Expr::Fn(f) = e else {
            return self.atom(e.to_value().to_string());
        };
        match f.as_ref() {
            Intrinsic::Equals(a, b) => match compared(a, b) {
                Some((param, value)) => self.compare(param, value),
                None => self.atom(e.to_value().to_string()),
            },
            Intrinsic::And(items) | Intrinsic::Or(items) => {
                items.iter().for_each(|i| self.collect(i, seen));
            }
            Intrinsic::Not(inner) => self.collect(inner, seen),
            Intrinsic::Condition(n) => self.collect_condition(n, seen),
            _ => self.atom(e.to_value().to_string()),
        }
    }

    fn compare(&mut self, param: &str, value: String) {
        let allowed = self
            .settings
            .parameters
            .iter()
            .find(|p| p.name == param)
            .map(|p| p.allowed_values.clone())
            .filter(|v| !v.is_empty());
        let domain = self
            .domains
            .entry(param.to_owned())
            .or_insert_with(|| allowed.clone().unwrap_or_else(|| vec![OTHER.to_owned()]));
        if allowed.is_none() && !domain.contains(&value) {
            domain.push(value);
        }
    }

    fn atom(&mut self, text: String) {
        if !self.free.contains(&text) {
            self.free.push(text);
        }
    }
}

/// `Fn::Equals` of a parameter (or pseudo parameter) and a literal: the name and the text.
fn compared<'e>(a: &'e Expr, b: &'e Expr) -> Option<(&'e str, String)> {
    let literal = |e: &Expr| match e {
        Expr::Str(s) => Some(s.clone()),
        Expr::Number(n) => Some(n.to_string()),
        Expr::Bool(b) => Some(b.to_string()),
        _ => None,
    };
    match (a, b) {
        (Expr::Ref(p), other) | (other, Expr::Ref(p)) => Some((p.as_str(), literal(other)?)),
        _ => None,
    }
}

/// One combination of parameter values and free tests.
struct Case<'a> {
    settings: &'a Settings,
    values: &'a BTreeMap<&'a str, &'a str>,
    atoms: &'a [(&'a str, bool)],
}

impl Case<'_> {
    fn condition(&self, name: &str, depth: usize) -> bool {
        match self.settings.conditions.iter().find(|c| c.name == name) {
            // A cycle is CFN-TPL-16's; it reads as false here.
            Some(c) if depth < 32 => self.eval(&c.test, depth + 1),
            Some(_) => false,
            None => self.atom(&format!("{{\"Condition\":{name:?}}}")),
        }
    }

    fn atom(&self, text: &str) -> bool {
        self.atoms.iter().any(|(a, v)| *a == text && *v)
    }

    fn eval(&self, e: &Expr, depth: usize) -> bool {
        let Expr::Fn(f) = e else {
            return self.atom(&e.to_value().to_string());
        };
        match f.as_ref() {
            Intrinsic::Equals(a, b) => match compared(a, b) {
                Some((param, value)) => self.values.get(param) == Some(&value.as_str()),
                None => self.atom(&e.to_value().to_string()),
            },
            Intrinsic::And(items) => items.iter().all(|i| self.eval(i, depth)),
            Intrinsic::Or(items) => items.iter().any(|i| self.eval(i, depth)),
            Intrinsic::Not(inner) => !self.eval(inner, depth),
            Intrinsic::Condition(n) => self.condition(n, depth),
            _ => self.atom(&e.to_value().to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p<'a>(when: &'a [String], unless: &'a [String]) -> Presence<'a> {
        Presence::of(when, unless)
    }

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    fn settings(tests: &[(&str, serde_json::Value)], allowed: &[&str]) -> Settings {
        let mut s = Settings::default();
        s.parameters
            .push(crate::model::Parameter::new("P").allowed_values(allowed.to_vec()));
        for (name, test) in tests {
            s.conditions
                .push(crate::model::Condition::new(*name, Expr::from_value(test)));
        }
        s
    }

    #[test]
    fn alternatives_exclude_each_other_and_cover_every_case() {
        let (c1, c2, none) = (names(&["C1"]), names(&["C2"]), names(&[]));
        let both = names(&["C1", "C2"]);
        let a = p(&c1, &none);
        let b = p(&c2, &c1);
        let c = p(&none, &both);
        let free = Cases::of(&Settings::default(), &["C1", "C2"]);
        assert!(free.exclusive(&a, &b) && free.exclusive(&b, &c) && free.exclusive(&a, &c));
        assert!(!free.exclusive(&a, &p(&c2, &none)));
        let always = Presence::default();
        assert_eq!(free.uncovered(&always, &[a.clone(), b.clone(), c]), None);
        let missing = free.uncovered(&always, &[a.clone(), b]).unwrap();
        assert_eq!(
            missing,
            vec![("C1".to_owned(), false), ("C2".to_owned(), false)]
        );
        assert_eq!(free.uncovered(&a, std::slice::from_ref(&a)), None);
    }

    #[test]
    fn conditions_on_one_parameter_are_read_from_their_tests() {
        let eq = |v: &str| serde_json::json!({"Fn::Equals": [{"Ref": "P"}, v]});
        let tests = [("IsA", eq("a")), ("IsB", eq("b")), ("IsC", eq("c"))];
        let (a, b, c, none) = (
            names(&["IsA"]),
            names(&["IsB"]),
            names(&["IsC"]),
            names(&[]),
        );
        let (pa, pb, pc) = (p(&a, &none), p(&b, &none), p(&c, &none));
        // Open values: none of them may hold.
        let open = Cases::of(&settings(&tests, &[]), &["IsA", "IsB", "IsC"]);
        assert!(open.exclusive(&pa, &pb));
        let always = Presence::default();
        let none_holds = open.uncovered(&always, &[pa.clone(), pb.clone(), pc.clone()]);
        assert!(none_holds.is_some_and(|case| case.iter().all(|(_, v)| !v)));
        // Allowed values a, b, c: one of them always holds.
        let closed = Cases::of(&settings(&tests, &["a", "b", "c"]), &["IsA", "IsB", "IsC"]);
        assert_eq!(closed.uncovered(&always, &[pa, pb, pc]), None);
    }
}

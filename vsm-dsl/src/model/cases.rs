//! The cases a stream's template conditions allow, for rules that must hold in each: which
//! stages and actions can be present together, and which are present in every case.

use std::collections::{BTreeMap, BTreeSet};

use super::presence::Presence;
use super::{Settings, Stream};
use crate::cfn::{Expr, Intrinsic};

/// The cases a stream's template conditions allow: the assignments of the conditions its
/// stages and actions are present under, read from what the conditions test. Two conditions
/// comparing one parameter with different values are never both true, and a parameter with
/// allowed values takes only those; a test vsm cannot read (`Fn::Equals` of two computed
/// values) is free to be true or false. Past [`MAX_COMBINATIONS`] the cases are unknown, and
/// the rules that read them say nothing rather than guess.
#[derive(Debug, Clone)]
pub struct Cases {
    /// The conditions assigned, in name order.
    names: Vec<String>,
    /// Each assignment the conditions allow, once; `None` when there are too many to know.
    rows: Option<Vec<Vec<bool>>>,
}

/// How many combinations of parameter values and free tests are enumerated at most.
pub const MAX_COMBINATIONS: usize = 1 << 12;

impl Cases {
    /// The cases of the conditions a stream's stages and actions are present under.
    pub fn of_stream(stream: &Stream) -> Self {
        Self::of(&stream.settings, &stream.presence_conditions())
    }

    /// The cases of `names` under the stream's declared conditions and parameters.
    pub fn of(settings: &Settings, names: &[&str]) -> Self {
        let mut names: Vec<String> = names.iter().map(|n| (*n).to_owned()).collect();
        names.sort();
        names.dedup();
        let mut reader = Reader {
            settings,
            compared: BTreeMap::new(),
            free: Vec::new(),
        };
        for n in &names {
            reader.collect_condition(n, &mut Vec::new());
        }
        let (domains, free) = reader.domains();
        let sizes: Vec<usize> = domains
            .values()
            .map(Vec::len)
            .chain(free.iter().map(|_| 2))
            .collect();
        let count = sizes
            .iter()
            .try_fold(1usize, |n, s| n.checked_mul(*s))
            .filter(|n| *n <= MAX_COMBINATIONS);
        let rows = count.map(|count| {
            let mut rows = BTreeSet::new();
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
                rows.insert(
                    names
                        .iter()
                        .map(|n| case.condition(n, 0).unwrap_or(false))
                        .collect::<Vec<bool>>(),
                );
            }
            rows.into_iter().collect()
        });
        Self { names, rows }
    }

    /// The cases as lookups of a condition's value; none when the cases are unknown.
    fn each(&self) -> impl Iterator<Item = impl Fn(&str) -> bool + '_> + '_ {
        self.rows.iter().flatten().map(move |row| {
            move |c: &str| {
                self.names
                    .iter()
                    .position(|n| n == c)
                    .is_some_and(|i| row[i])
            }
        })
    }

    /// True when no case has both present (and when the cases are unknown).
    pub fn exclusive(&self, a: &Presence<'_>, b: &Presence<'_>) -> bool {
        a.excludes(b) || !self.each().any(|v| a.holds_under(&v) && b.holds_under(&v))
    }

    /// True when the cases are known and none has `p` present.
    pub fn never(&self, p: &Presence<'_>) -> bool {
        self.rows.is_some() && !self.each().any(|v| p.holds_under(&v))
    }

    /// A case in which `p` is present and none of `others` is, as its conditions' values;
    /// `None` when some other is present whenever `p` is (or the cases are unknown).
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

/// Whether an element is present when the parameters have `values`: false only when a
/// condition it needs is decided the other way by them (a test they do not decide leaves it
/// present).
pub fn present_with(settings: &Settings, p: &Presence<'_>, values: &BTreeMap<&str, &str>) -> bool {
    let case = Case {
        settings,
        values,
        atoms: &[],
    };
    p.terms
        .iter()
        .all(|t| case.condition(t.condition, 0) != Some(!t.holds))
}

/// What the conditions test: parameters compared with literal values, and tests read as free.
struct Reader<'a> {
    settings: &'a Settings,
    /// The values each parameter is compared with.
    compared: BTreeMap<String, Vec<String>>,
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
                Some((param, value)) => {
                    let values = self.compared.entry(param.to_owned()).or_default();
                    if !values.contains(&value) {
                        values.push(value);
                    }
                }
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

    fn atom(&mut self, text: String) {
        if !self.free.contains(&text) {
            self.free.push(text);
        }
    }

    /// Each compared parameter's possible values: the compared ones it allows, and one value
    /// standing for every other (an allowed one, or any when it allows all); then the free
    /// tests.
    fn domains(self) -> (BTreeMap<String, Vec<String>>, Vec<String>) {
        let domains = self
            .compared
            .into_iter()
            .map(|(param, compared)| {
                let allowed = self
                    .settings
                    .parameters
                    .iter()
                    .find(|p| p.name == param)
                    .map(|p| p.allowed_values.as_slice())
                    .unwrap_or_default();
                let mut domain: Vec<String> = compared
                    .into_iter()
                    .filter(|v| allowed.is_empty() || allowed.contains(v))
                    .collect();
                let other = if allowed.is_empty() {
                    Some(OTHER.to_owned())
                } else {
                    allowed.iter().find(|a| !domain.contains(a)).cloned()
                };
                domain.extend(other);
                (param, domain)
            })
            .collect();
        (domains, self.free)
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

/// Parameter values and free tests, some of them known.
struct Case<'a> {
    settings: &'a Settings,
    values: &'a BTreeMap<&'a str, &'a str>,
    atoms: &'a [(&'a str, bool)],
}

impl Case<'_> {
    /// A condition's value; `None` when what it tests is not known here.
    fn condition(&self, name: &str, depth: usize) -> Option<bool> {
        match self.settings.conditions.iter().find(|c| c.name == name) {
            // A cycle is CFN-TPL-16's; it reads as false here.
            Some(c) if depth < 32 => self.eval(&c.test, depth + 1),
            Some(_) => Some(false),
            None => self.atom(&format!("{{\"Condition\":{name:?}}}")),
        }
    }

    fn atom(&self, text: &str) -> Option<bool> {
        self.atoms.iter().find(|(a, _)| *a == text).map(|(_, v)| *v)
    }

    fn eval(&self, e: &Expr, depth: usize) -> Option<bool> {
        let Expr::Fn(f) = e else {
            return self.atom(&e.to_value().to_string());
        };
        match f.as_ref() {
            Intrinsic::Equals(a, b) => match compared(a, b) {
                Some((param, value)) => self.values.get(param).map(|v| *v == value),
                None => self.atom(&e.to_value().to_string()),
            },
            Intrinsic::And(items) => {
                let all: Vec<Option<bool>> = items.iter().map(|i| self.eval(i, depth)).collect();
                if all.contains(&Some(false)) {
                    Some(false)
                } else {
                    all.into_iter().collect::<Option<Vec<bool>>>().map(|_| true)
                }
            }
            Intrinsic::Or(items) => {
                let any: Vec<Option<bool>> = items.iter().map(|i| self.eval(i, depth)).collect();
                if any.contains(&Some(true)) {
                    Some(true)
                } else {
                    any.into_iter()
                        .collect::<Option<Vec<bool>>>()
                        .map(|_| false)
                }
            }
            Intrinsic::Not(inner) => self.eval(inner, depth).map(|v| !v),
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

    #[test]
    fn a_long_list_of_allowed_values_costs_no_more_than_the_values_compared() {
        let eq = |v: &str| serde_json::json!({"Fn::Equals": [{"Ref": "P"}, v]});
        let tests = [("IsA", eq("a")), ("IsB", eq("b"))];
        let many: Vec<String> = (0..500)
            .map(|i| format!("v{i}"))
            .chain(["a".into(), "b".into()])
            .collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        let cases = Cases::of(&settings(&tests, &many), &["IsA", "IsB"]);
        // a, b, and one value standing for the 500 others.
        assert_eq!(cases.rows.as_ref().map(Vec::len), Some(3));
        let (a, b, none) = (names(&["IsA"]), names(&["IsB"]), names(&[]));
        assert!(cases.exclusive(&p(&a, &none), &p(&b, &none)));
        assert!(cases.never(&p(&[a[0].clone(), b[0].clone()], &none)));
    }

    #[test]
    fn too_many_cases_are_unknown_and_decide_nothing() {
        let names: Vec<String> = (0..13).map(|i| format!("Free{i}")).collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let cases = Cases::of(&Settings::default(), &refs);
        assert!(cases.rows.is_none());
        let (one, none) = (vec![names[0].clone()], Vec::new());
        assert!(cases.exclusive(&p(&one, &none), &p(&one, &none)));
        assert!(!cases.never(&p(&one, &none)));
        assert_eq!(
            cases.uncovered(&Presence::default(), &[p(&one, &none)]),
            None
        );
    }

    #[test]
    fn parameter_values_decide_what_they_test() {
        let not_empty = serde_json::json!({"Fn::Not": [{"Fn::Equals": [{"Ref": "P"}, ""]}]});
        let s = settings(&[("HasP", not_empty)], &[]);
        let (has, none) = (names(&["HasP"]), names(&[]));
        let with = |v: &'static str| BTreeMap::from([("P", v)]);
        assert!(!present_with(&s, &p(&has, &none), &with("")));
        assert!(present_with(&s, &p(&has, &none), &with("repo")));
        assert!(present_with(&s, &p(&none, &has), &with("")));
        assert!(present_with(&s, &p(&has, &none), &BTreeMap::new()));
    }
}

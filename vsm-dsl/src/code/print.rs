//! [`Code`] printed as Rust a person reads: short paths after `use` lines, method chains and
//! long argument lists broken over lines the way rustfmt does.

use std::fmt;
use std::time::Duration;

use super::Code;

/// Widest line before breaking.
const WIDTH: usize = 100;

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&render(self, 0))
    }
}

/// The code at this indent (columns), broken over lines where it does not fit.
fn render(code: &Code, indent: usize) -> String {
    let one_line = flat(code);
    if indent + one_line.len() <= WIDTH && !one_line.contains('\n') {
        return one_line;
    }
    let pad = " ".repeat(indent + 4);
    match code {
        Code::Method(..) => {
            let (root, calls) = chain(code);
            let mut out = render(root, indent);
            for (name, args) in calls {
                out.push('\n');
                out.push_str(&pad);
                out.push('.');
                out.push_str(name);
                out.push_str(&arguments(args, indent + 4, name.len() + 1));
            }
            out
        }
        Code::Call(callee, args) => {
            let head = flat(callee);
            format!("{head}{}", arguments(args, indent, head.len()))
        }
        Code::Array(items) | Code::Vec(items) | Code::Tuple(items) => {
            let (open, close) = match code {
                Code::Array(_) => ("[", "]"),
                Code::Vec(_) => ("vec![", "]"),
                _ => ("(", ")"),
            };
            let mut out = open.to_owned();
            for item in items {
                out.push('\n');
                out.push_str(&pad);
                out.push_str(&render(item, indent + 4));
                out.push(',');
            }
            out.push('\n');
            out.push_str(&" ".repeat(indent));
            out.push_str(close);
            out
        }
        Code::Closure(param, body) => format!(
            "|{param}| {{\n{pad}{}\n{}}}",
            render(body, indent + 4),
            " ".repeat(indent)
        ),
        Code::Struct(path, fields) | Code::Exact(path, fields) => {
            let mut out = format!("{} {{", flat(path));
            for (k, v) in fields {
                out.push('\n');
                out.push_str(&pad);
                out.push_str(&format!("{k}: {},", render(v, indent + 4 + k.len() + 2)));
            }
            if matches!(code, Code::Struct(..)) {
                out.push_str(&format!("\n{pad}..Default::default()"));
            }
            out.push_str(&format!("\n{}}}", " ".repeat(indent)));
            out
        }
        Code::Some(inner) => format!("Some({})", render(inner, indent + 5)),
        _ => one_line,
    }
}

/// `(args)` on one line if it fits after `used` columns, else one argument per line.
fn arguments(args: &[Code], indent: usize, used: usize) -> String {
    let flat_args = args.iter().map(flat).collect::<Vec<_>>().join(", ");
    if indent + used + flat_args.len() + 2 <= WIDTH && !flat_args.contains('\n') {
        return format!("({flat_args})");
    }
    // One argument that breaks well by itself (a closure, a list) stays on the line.
    if let [only] = args {
        if matches!(
            only,
            Code::Closure(..) | Code::Array(_) | Code::Method(..) | Code::Call(..)
        ) {
            return format!("({})", render(only, indent));
        }
    }
    let pad = " ".repeat(indent + 4);
    let mut out = "(".to_owned();
    for a in args {
        out.push('\n');
        out.push_str(&pad);
        out.push_str(&render(a, indent + 4));
        out.push(',');
    }
    out.push('\n');
    out.push_str(&" ".repeat(indent));
    out.push(')');
    out
}

/// A method chain as its root and its calls, in order.
fn chain(code: &Code) -> (&Code, Vec<(&str, &[Code])>) {
    let mut calls = Vec::new();
    let mut at = code;
    while let Code::Method(recv, name, args) = at {
        calls.push((name.as_str(), args.as_slice()));
        at = recv;
    }
    calls.reverse();
    (at, calls)
}

/// The code on one line.
fn flat(code: &Code) -> String {
    let list = |items: &[Code]| items.iter().map(flat).collect::<Vec<_>>().join(", ");
    match code {
        Code::Str(s) => format!("{s:?}"),
        Code::Int(n) => n.to_string(),
        Code::Float(v) => format!("{v:?}"),
        Code::Bool(b) => b.to_string(),
        Code::Duration(d) => duration(*d),
        Code::Path { segments, short } => {
            segments[segments.len().saturating_sub(*short)..].join("::")
        }
        Code::Call(callee, args) => format!("{}({})", flat(callee), list(args)),
        Code::Method(recv, name, args) => format!("{}.{name}({})", flat(recv), list(args)),
        Code::Array(items) => format!("[{}]", list(items)),
        Code::Tuple(items) => format!("({})", list(items)),
        Code::Closure(param, body) => format!("|{param}| {}", flat(body)),
        Code::Var(name) => name.clone(),
        Code::Struct(path, fields) | Code::Exact(path, fields) => {
            let rest = matches!(code, Code::Struct(..)).then(|| "..Default::default()".to_owned());
            let fields: Vec<String> = fields
                .iter()
                .map(|(k, v)| format!("{k}: {}", flat(v)))
                .chain(rest)
                .collect();
            format!("{} {{ {} }}", flat(path), fields.join(", "))
        }
        Code::Parse(path, text) => format!(
            "{text:?}.parse::<{}>().expect(\"a valid {}\")",
            flat(path),
            flat(path)
        ),
        Code::Vec(items) => format!("vec![{}]", list(items)),
        Code::Owned(s) => format!("{s:?}.into()"),
        Code::Some(inner) => format!("Some({})", flat(inner)),
    }
}

/// `days(2)`, `hours(4)`, `mins(30)`, or `Duration::from_secs(n)`.
fn duration(d: Duration) -> String {
    let secs = d.as_secs();
    if d.subsec_nanos() != 0 {
        return format!("Duration::new({secs}, {})", d.subsec_nanos());
    }
    for (unit, size) in [("days", 86_400), ("hours", 3_600), ("mins", 60)] {
        if secs > 0 && secs.is_multiple_of(size) {
            return format!("{unit}({})", secs / size);
        }
    }
    format!("Duration::from_secs({secs})")
}

//! Phase 1, syntax: the `stream!` input as a tree that keeps every token's span.
//!
//! The grammar is small and regular (see the crate docs of `vsm-macros`): top-level blocks
//! (`pipeline`, `source`, `stage`), actions inside stage blocks, and `key: value` properties
//! inside braces. Brace, bracket and comma boundaries are recovery points: a mistake inside one
//! property or one action is reported and parsing goes on, so one build shows every mistake.
//! What a property *means* is decided in [`crate::lower`].

use proc_macro2::{Delimiter, Group, Span, TokenStream, TokenTree};
use quote::ToTokens;

/// The span of a piece of syntax: its first and last token. `syn::Error::new_spanned` turns
/// the pair into an underline from one to the other.
#[derive(Debug, Clone, Copy)]
pub struct Sp {
    /// First token.
    pub start: Span,
    /// Last token.
    pub end: Span,
}

impl Sp {
    /// One token.
    pub fn one(span: Span) -> Self {
        Self {
            start: span,
            end: span,
        }
    }

    /// From the start of `self` to the end of `other`.
    pub fn to(self, other: Sp) -> Self {
        Self {
            start: self.start,
            end: other.end,
        }
    }

    /// A spanned error over this syntax.
    pub fn error(self, message: impl std::fmt::Display) -> syn::Error {
        syn::Error::new_spanned(self, message)
    }
}

impl ToTokens for Sp {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        tokens.extend([
            TokenTree::Ident(proc_macro2::Ident::new("start", self.start)),
            TokenTree::Ident(proc_macro2::Ident::new("end", self.end)),
        ]);
    }
}

/// A name written as a string literal (`"Unit-Tests"`) or a bare identifier (`Src`).
#[derive(Debug, Clone)]
pub struct Name {
    /// The text.
    pub value: String,
    /// Where it is.
    pub sp: Sp,
}

/// The whole macro input.
#[derive(Debug, Default)]
pub struct StreamAst {
    /// `pipeline "name" { settings }`, if present.
    pub pipeline: Option<PipelineAst>,
    /// `source` and `stage` blocks in the order written.
    pub stages: Vec<StageAst>,
}

/// `pipeline "name" { key: value, ... }`, or `pipeline !Sub "${Env}-app" { .. }`.
#[derive(Debug)]
pub struct PipelineAst {
    /// The `pipeline` keyword.
    pub keyword: Sp,
    /// The pipeline name (for a computed name: the expression as written, at its span).
    pub name: Name,
    /// A computed name: the template expression (`!Ref Name`, `!Sub ".."`, ...).
    pub computed: Option<Value>,
    /// Its settings.
    pub props: Vec<Prop>,
}

/// `source "name" { actions }` or `stage "name" { actions }`.
#[derive(Debug)]
pub struct StageAst {
    /// True for a `source` block.
    pub source: bool,
    /// The `source` or `stage` keyword.
    pub keyword: Sp,
    /// The stage name.
    pub name: Name,
    /// Sequential steps; the actions of one step run in parallel (`a | b`).
    pub steps: Vec<Vec<ActionAst>>,
    /// Its settings (`before_entry: { .. },`), in the order written.
    pub props: Vec<Prop>,
}

/// `kind "name" { key: value, ... }`.
#[derive(Debug)]
pub struct ActionAst {
    /// The kind keyword (`mock`, `codebuild`, ...).
    pub kind: Name,
    /// The action name.
    pub name: Name,
    /// Its properties.
    pub props: Vec<Prop>,
    /// Some of its properties could not be read (their errors are already reported).
    pub broken: bool,
}

/// `key: value`.
#[derive(Debug, Clone)]
pub struct Prop {
    /// The key.
    pub key: Name,
    /// The value.
    pub value: Value,
}

/// A property value.
#[derive(Debug, Clone)]
pub enum Value {
    /// `"text"`.
    Str(String, Sp),
    /// `Word` (also `true`, `false`).
    Ident(String, Sp),
    /// One or more number literals, maybe negative, maybe followed by `%`: `30m`, `2d 4h`,
    /// `95%`, `-5%`, `12`.
    Number(Number),
    /// `[a, b, c]`.
    List(Vec<Value>, Sp),
    /// `{ key: value, ... }`.
    Map(Vec<Prop>, Sp),
    /// `name = value`.
    Assign(Name, Box<Value>, Sp),
    /// `name { key: value, ... }`.
    Block(Name, Vec<Prop>, Sp),
    /// A template expression in CloudFormation's short form: `!Ref Repo`, `!Sub "${Env}-app"`,
    /// `!GetAtt Role.Arn`, `!If [IsProd, "a", "b"]`.
    Tag(Name, Box<Value>, Sp),
    /// `kind "name" { key: value, ... }`: a typed item, such as a rule of a condition.
    Typed(Name, Name, Vec<Prop>, Sp),
}

/// Number literals as written.
#[derive(Debug, Clone)]
pub struct Number {
    /// A leading `-`.
    pub negative: bool,
    /// Each literal: its decimal digits and its suffix (`30m` is `("30", "m")`).
    pub parts: Vec<(String, String)>,
    /// A trailing `%`.
    pub percent: bool,
    /// Where it is.
    pub sp: Sp,
}

impl Value {
    /// Where the value is.
    pub fn sp(&self) -> Sp {
        match self {
            Value::Str(_, sp)
            | Value::Ident(_, sp)
            | Value::List(_, sp)
            | Value::Map(_, sp)
            | Value::Assign(_, _, sp)
            | Value::Block(_, _, sp)
            | Value::Tag(_, _, sp)
            | Value::Typed(_, _, _, sp) => *sp,
            Value::Number(n) => n.sp,
        }
    }

    /// A short description for error messages.
    pub fn describe(&self) -> &'static str {
        match self {
            Value::Str(..) => "a string",
            Value::Ident(..) => "a word",
            Value::Number(n) if n.percent => "a percentage",
            Value::Number(_) => "a number",
            Value::List(..) => "a list",
            Value::Map(..) => "a `{ ... }` block",
            Value::Assign(..) => "an assignment",
            Value::Block(..) => "a named block",
            Value::Tag(..) => "a template expression",
            Value::Typed(..) => "a typed item",
        }
    }
}

/// Collects errors while parsing goes on.
#[derive(Default)]
pub struct Errors {
    list: Vec<syn::Error>,
}

impl Errors {
    /// Records an error.
    pub fn push(&mut self, e: syn::Error) {
        self.list.push(e);
    }

    /// True when nothing went wrong.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// All errors as one, or `None`.
    pub fn combined(self) -> Option<syn::Error> {
        let mut iter = self.list.into_iter();
        let mut first = iter.next()?;
        for e in iter {
            first.combine(e);
        }
        Some(first)
    }

    /// Appends another collection.
    pub fn extend(&mut self, other: Errors) {
        self.list.extend(other.list);
    }

    /// How many errors.
    pub fn len(&self) -> usize {
        self.list.len()
    }
}

/// How deep values may nest (`[[[...]]]`): deep enough for any stream, shallow enough that
/// no input can exhaust the stack.
const MAX_DEPTH: usize = 32;

/// A cursor over one token list (the inside of one group).
struct Cursor {
    toks: Vec<TokenTree>,
    pos: usize,
    /// Span used for "unexpected end" errors: the closing delimiter, or the call site.
    end: Span,
}

impl Cursor {
    fn new(stream: TokenStream, end: Span) -> Self {
        Self {
            toks: stream.into_iter().collect(),
            pos: 0,
            end,
        }
    }

    fn peek(&self) -> Option<&TokenTree> {
        self.toks.get(self.pos)
    }

    fn next(&mut self) -> Option<TokenTree> {
        let t = self.toks.get(self.pos).cloned();
        if t.is_some() {
            self.pos += 1;
        }
        t
    }

    fn at_end(&self) -> bool {
        self.pos >= self.toks.len()
    }

    fn here(&self) -> Sp {
        Sp::one(self.peek().map_or(self.end, TokenTree::span))
    }

    fn peek_punct(&self, ch: char) -> bool {
        matches!(self.peek(), Some(TokenTree::Punct(p)) if p.as_char() == ch)
    }

    fn peek_ident(&self) -> Option<String> {
        match self.peek() {
            Some(TokenTree::Ident(i)) => Some(i.to_string()),
            _ => None,
        }
    }

    fn peek_brace(&self) -> bool {
        matches!(self.peek(), Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Brace)
    }
}

fn tt_sp(t: &TokenTree) -> Sp {
    Sp::one(t.span())
}

/// A string literal's text, or `None` for any other literal.
pub fn string_value(lit: &proc_macro2::Literal) -> Option<String> {
    let repr = lit.to_string();
    if !(repr.starts_with('"') || repr.starts_with("r\"") || repr.starts_with("r#")) {
        return None;
    }
    match syn::Lit::new(lit.clone()) {
        syn::Lit::Str(s) => Some(s.value()),
        _ => None,
    }
}

/// Parses a name: a string literal or an identifier.
fn name(c: &mut Cursor, what: &str) -> Result<Name, syn::Error> {
    let here = c.here();
    match c.peek() {
        Some(TokenTree::Ident(i)) => {
            let value = i.to_string();
            let value = value.strip_prefix("r#").unwrap_or(&value).to_owned();
            let sp = tt_sp(&c.next().expect("peeked"));
            Ok(Name { value, sp })
        }
        Some(TokenTree::Literal(l)) => match string_value(l) {
            Some(value) => {
                let sp = tt_sp(&c.next().expect("peeked"));
                Ok(Name { value, sp })
            }
            None => Err(here.error(format!(
                "expected {what} as a string, like `\"Build\"`, found `{l}`"
            ))),
        },
        Some(other) => Err(here.error(format!(
            "expected {what} as a string, like `\"Build\"`, found `{other}`"
        ))),
        None => Err(here.error(format!("expected {what} as a string, like `\"Build\"`"))),
    }
}

/// Parses the whole input. Returns the tree and every syntax error found.
pub fn parse(input: TokenStream) -> (StreamAst, Errors) {
    let mut errors = Errors::default();
    let mut ast = StreamAst::default();
    let mut c = Cursor::new(input, Span::call_site());
    if c.at_end() {
        errors.push(Sp::one(Span::call_site()).error(
            "empty value stream: write `pipeline \"name\"`, a `source` block and at least one `stage` block",
        ));
        return (ast, errors);
    }
    while !c.at_end() {
        let here = c.here();
        let word = c.peek_ident();
        let result = match word.as_deref() {
            Some("pipeline") => {
                c.next();
                pipeline(&mut c, here, &mut errors).map(|p| {
                    if ast.pipeline.is_some() {
                        errors.push(here.error(
                            "a value stream has one `pipeline` header; this is a second one",
                        ));
                    } else if !ast.stages.is_empty() {
                        errors.push(here.error("write the `pipeline` header before the stages"));
                        ast.pipeline = Some(p);
                    } else {
                        ast.pipeline = Some(p);
                    }
                })
            }
            Some(kw @ ("source" | "stage")) => {
                let source = kw == "source";
                c.next();
                stage(&mut c, source, here, &mut errors).map(|s| ast.stages.push(s))
            }
            _ => {
                let found = c.peek().map(|t| t.to_string()).unwrap_or_default();
                Err(here.error(format!(
                    "expected `pipeline`, `source` or `stage`, found `{found}`"
                )))
            }
        };
        if let Err(e) = result {
            errors.push(e);
            // Skip to the next top-level keyword.
            c.next();
            while !c.at_end()
                && !matches!(
                    c.peek_ident().as_deref(),
                    Some("pipeline" | "source" | "stage")
                )
            {
                c.next();
            }
        }
        while c.peek_punct(';') || c.peek_punct(',') {
            c.next();
        }
    }
    (ast, errors)
}

fn pipeline(c: &mut Cursor, keyword: Sp, errors: &mut Errors) -> Result<PipelineAst, syn::Error> {
    let (name, computed) = if c.peek_punct('!') {
        let v = computed_name(c, errors)?;
        let name = Name {
            value: String::new(),
            sp: v.sp(),
        };
        (name, Some(v))
    } else {
        (name(c, "the pipeline name")?, None)
    };
    let props = if c.peek_brace() {
        let Some(TokenTree::Group(g)) = c.next() else {
            unreachable!("peeked a brace group")
        };
        props(&g, errors, 0)
    } else {
        Vec::new()
    };
    Ok(PipelineAst {
        keyword,
        name,
        computed,
        props,
    })
}

/// A computed pipeline name, `!Tag argument`: the tokens up to the settings' braces or the
/// first stage, read as one value (so `!Ref Env { .. }` is not taken as a named block).
fn computed_name(c: &mut Cursor, errors: &mut Errors) -> Result<Value, syn::Error> {
    let mut toks = Vec::new();
    while let Some(t) = c.peek() {
        let ends = match t {
            TokenTree::Group(g) => g.delimiter() == Delimiter::Brace,
            TokenTree::Ident(i) => {
                toks.len() >= 2 && matches!(i.to_string().as_str(), "source" | "stage")
            }
            _ => false,
        };
        if ends {
            break;
        }
        toks.push(c.next().expect("peeked"));
    }
    let end = toks.last().map_or(c.end, TokenTree::span);
    let mut inner = Cursor::new(toks.into_iter().collect(), end);
    let v = value(&mut inner, errors, 0)?;
    if let Some(extra) = inner.peek() {
        return Err(tt_sp(extra).error(format!(
            "expected the settings' `{{` or the first stage after the pipeline name, found `{extra}`"
        )));
    }
    Ok(v)
}

fn stage(
    c: &mut Cursor,
    source: bool,
    keyword: Sp,
    errors: &mut Errors,
) -> Result<StageAst, syn::Error> {
    let what = if source {
        "the source stage name"
    } else {
        "the stage name"
    };
    let name = name(c, what)?;
    let Some(TokenTree::Group(g)) = c.peek().filter(|_| c.peek_brace()).cloned() else {
        return Err(c.here().error(format!(
            "expected `{{` with the actions of stage {:?}",
            name.value
        )));
    };
    c.next();
    let (steps, props) = actions(&g, errors);
    Ok(StageAst {
        source,
        keyword,
        name,
        steps,
        props,
    })
}

/// The actions of a stage (`a`, `| b` joins the step of the action before it), and its
/// settings (`key: value,`).
fn actions(group: &Group, errors: &mut Errors) -> (Vec<Vec<ActionAst>>, Vec<Prop>) {
    let mut c = Cursor::new(group.stream(), group.span_close());
    let mut steps: Vec<Vec<ActionAst>> = Vec::new();
    let mut settings = Vec::new();
    while !c.at_end() {
        if c.peek_ident().is_some()
            && matches!(c.toks.get(c.pos + 1), Some(TokenTree::Punct(p)) if p.as_char() == ':')
        {
            // A setting runs to the next `,` or `;` outside any group.
            let mut chunk = Vec::new();
            while let Some(t) = c.peek() {
                if matches!(t, TokenTree::Punct(p) if p.as_char() == ',' || p.as_char() == ';') {
                    break;
                }
                chunk.push(c.next().expect("peeked"));
            }
            let end = chunk.last().map_or(c.end, TokenTree::span);
            let mut inner = Cursor {
                toks: chunk,
                pos: 0,
                end,
            };
            match prop(&mut inner, errors, 0) {
                Ok(p) => settings.push(p),
                Err(e) => errors.push(e),
            }
            while c.peek_punct(';') || c.peek_punct(',') {
                c.next();
            }
            continue;
        }
        let parallel = c.peek_punct('|');
        let bar = c.here();
        if parallel {
            c.next();
            if steps.is_empty() {
                errors.push(bar.error(
                    "`|` puts an action beside the one before it, but there is none before it",
                ));
            }
        }
        match action(&mut c, errors) {
            Ok(a) => match steps.last_mut() {
                Some(step) if parallel => step.push(a),
                _ => steps.push(vec![a]),
            },
            Err(e) => {
                errors.push(e);
                c.next();
                // Skip to what may start the next action.
                while !c.at_end() && !c.peek_punct('|') && c.peek_ident().is_none() {
                    c.next();
                }
            }
        }
        while c.peek_punct(';') || c.peek_punct(',') {
            c.next();
        }
    }
    (steps, settings)
}

fn action(c: &mut Cursor, errors: &mut Errors) -> Result<ActionAst, syn::Error> {
    let here = c.here();
    let kind = match c.peek() {
        Some(TokenTree::Ident(_)) => name(c, "an action kind")?,
        Some(other) => {
            return Err(here.error(format!(
                "expected an action, like `mock \"Name\"`, found `{other}`"
            )))
        }
        None => return Err(here.error("expected an action, like `mock \"Name\"`")),
    };
    let name = name(c, "the action name")?;
    let before = errors.len();
    let props = if c.peek_brace() {
        let Some(TokenTree::Group(g)) = c.next() else {
            unreachable!("peeked a brace group")
        };
        props(&g, errors, 0)
    } else {
        Vec::new()
    };
    Ok(ActionAst {
        kind,
        name,
        props,
        broken: errors.len() > before,
    })
}

/// Splits a token list at its top-level commas.
fn split_commas(stream: TokenStream) -> Vec<Vec<TokenTree>> {
    let mut out = vec![Vec::new()];
    for t in stream {
        match &t {
            TokenTree::Punct(p) if p.as_char() == ',' => out.push(Vec::new()),
            _ => out.last_mut().expect("never empty").push(t),
        }
    }
    if out.last().is_some_and(Vec::is_empty) {
        out.pop();
    }
    out
}

/// `key: value, ...` inside a brace group; each property is parsed on its own.
fn props(group: &Group, errors: &mut Errors, depth: usize) -> Vec<Prop> {
    let mut out = Vec::new();
    for chunk in split_commas(group.stream()) {
        let end = chunk.last().map_or(group.span_close(), TokenTree::span);
        let mut c = Cursor {
            toks: chunk,
            pos: 0,
            end,
        };
        if c.at_end() {
            errors.push(
                Sp::one(end).error("expected a property, like `key: value`, between the commas"),
            );
            continue;
        }
        match prop(&mut c, errors, depth) {
            Ok(p) => out.push(p),
            Err(e) => errors.push(e),
        }
    }
    out
}

fn prop(c: &mut Cursor, errors: &mut Errors, depth: usize) -> Result<Prop, syn::Error> {
    let here = c.here();
    let key = match c.next() {
        Some(TokenTree::Ident(i)) => Name {
            value: i.to_string(),
            sp: Sp::one(i.span()),
        },
        // A key that is not a word, such as a configuration key with `-`: `"Key-1": "v"`.
        Some(TokenTree::Literal(l)) if string_value(&l).is_some() => Name {
            value: string_value(&l).unwrap_or_default(),
            sp: Sp::one(l.span()),
        },
        Some(other) => {
            return Err(here.error(format!(
                "expected a property name, like `process: 30m`, found `{other}`"
            )))
        }
        None => return Err(here.error("expected a property, like `process: 30m`")),
    };
    if !c.peek_punct(':') {
        return Err(c.here().error(format!(
            "expected `:` after `{}`, as in `{}: ...`",
            key.value, key.value
        )));
    }
    c.next();
    if c.at_end() {
        return Err(c.here().error(format!("`{}` needs a value", key.value)));
    }
    let value = match typed(c, errors, depth) {
        Some(v) => v?,
        None => value(c, errors, depth)?,
    };
    if !c.at_end() {
        return Err(c.here().error(format!(
            "unexpected `{}` after the value of `{}`; separate properties with `,`",
            c.peek().map(ToString::to_string).unwrap_or_default(),
            key.value
        )));
    }
    Ok(Prop { key, value })
}

fn value(c: &mut Cursor, errors: &mut Errors, depth: usize) -> Result<Value, syn::Error> {
    let here = c.here();
    if depth > MAX_DEPTH {
        return Err(here.error(format!(
            "values nest more than {MAX_DEPTH} levels deep; a value stream never needs that"
        )));
    }
    let depth = depth + 1;
    let Some(first) = c.peek().cloned() else {
        return Err(here.error("expected a value"));
    };
    match &first {
        TokenTree::Group(g) if g.delimiter() == Delimiter::Bracket => {
            c.next();
            let mut items = Vec::new();
            for chunk in split_commas(g.stream()) {
                let end = chunk.last().map_or(g.span_close(), TokenTree::span);
                let mut inner = Cursor {
                    toks: chunk,
                    pos: 0,
                    end,
                };
                if inner.at_end() {
                    errors.push(Sp::one(end).error("expected a list item between the commas"));
                    continue;
                }
                let item = match typed(&mut inner, errors, depth) {
                    Some(v) => v,
                    None => value(&mut inner, errors, depth),
                };
                match item {
                    Ok(v) if inner.at_end() => items.push(v),
                    Ok(v) => {
                        errors.push(inner.here().error(format!(
                            "unexpected `{}` after a list item; separate items with `,`",
                            inner.peek().map(ToString::to_string).unwrap_or_default()
                        )));
                        items.push(v);
                    }
                    Err(e) => errors.push(e),
                }
            }
            Ok(Value::List(items, Sp::one(g.span())))
        }
        TokenTree::Group(g) if g.delimiter() == Delimiter::Brace => {
            c.next();
            Ok(Value::Map(props(g, errors, depth), Sp::one(g.span())))
        }
        TokenTree::Punct(p) if p.as_char() == '!' => {
            c.next();
            tag(c, here, errors, depth)
        }
        TokenTree::Punct(p) if p.as_char() == '-' => {
            c.next();
            let mut n = number(c)?;
            n.negative = true;
            n.sp = here.to(n.sp);
            Ok(Value::Number(n))
        }
        TokenTree::Literal(l) => {
            if let Some(text) = string_value(l) {
                c.next();
                let name = Name {
                    value: text.clone(),
                    sp: here,
                };
                named(c, name, Value::Str(text, here), errors, depth)
            } else {
                Ok(Value::Number(number(c)?))
            }
        }
        TokenTree::Ident(i) => {
            c.next();
            let text = i.to_string();
            let name = Name {
                value: text.clone(),
                sp: here,
            };
            named(c, name, Value::Ident(text, here), errors, depth)
        }
        other => Err(here.error(format!("expected a value, found `{other}`"))),
    }
}

/// `kind "name" { .. }` (or `kind Name { .. }`), when the rest of a comma-delimited chunk is
/// one: a word, then a name, then at most a brace group.
fn typed(c: &mut Cursor, errors: &mut Errors, depth: usize) -> Option<Result<Value, syn::Error>> {
    let rest = &c.toks[c.pos..];
    let named = |t: &TokenTree| match t {
        TokenTree::Ident(_) => true,
        TokenTree::Literal(l) => string_value(l).is_some(),
        _ => false,
    };
    let brace =
        |t: &TokenTree| matches!(t, TokenTree::Group(g) if g.delimiter() == Delimiter::Brace);
    let shape = match rest {
        [TokenTree::Ident(_), n] => named(n),
        [TokenTree::Ident(_), n, b] => named(n) && brace(b),
        _ => false,
    };
    if !shape {
        return None;
    }
    let kind = match name(c, "a rule type") {
        Ok(k) => k,
        Err(e) => return Some(Err(e)),
    };
    let item = match name(c, "the rule name") {
        Ok(n) => n,
        Err(e) => return Some(Err(e)),
    };
    let (props, end) = match c.next() {
        Some(TokenTree::Group(g)) => (props(&g, errors, depth + 1), Sp::one(g.span())),
        _ => (Vec::new(), item.sp),
    };
    let sp = kind.sp.to(end);
    Some(Ok(Value::Typed(kind, item, props, sp)))
}

/// After `!`: a tag and its argument, `GetAtt`'s dotted `Resource.Attribute` included.
fn tag(c: &mut Cursor, bang: Sp, errors: &mut Errors, depth: usize) -> Result<Value, syn::Error> {
    let Some(TokenTree::Ident(i)) = c.peek().cloned() else {
        return Err(c
            .here()
            .error("expected a tag after `!`, such as `!Ref Repo` or `!Sub \"${Env}-app\"`"));
    };
    let name = Name {
        value: i.to_string(),
        sp: c.here(),
    };
    c.next();
    if c.at_end() {
        return Err(name
            .sp
            .error(format!("`!{}` needs its argument", name.value)));
    }
    let arg = if name.value == "GetAtt" {
        dotted(c)?
    } else {
        value(c, errors, depth)?
    };
    let sp = bang.to(arg.sp());
    Ok(Value::Tag(name, Box::new(arg), sp))
}

/// `Resource.Attribute` as one string (or any other value as written).
fn dotted(c: &mut Cursor) -> Result<Value, syn::Error> {
    let here = c.here();
    let Some(TokenTree::Ident(first)) = c.peek().cloned() else {
        let mut errors = Errors::default();
        return value(c, &mut errors, 1);
    };
    c.next();
    let mut text = first.to_string();
    let mut sp = here;
    while let Some(TokenTree::Punct(p)) = c.peek().cloned() {
        if p.as_char() != '.' {
            break;
        }
        c.next();
        let Some(TokenTree::Ident(next)) = c.peek().cloned() else {
            return Err(c.here().error("expected the attribute after `.`"));
        };
        sp = sp.to(c.here());
        c.next();
        text.push('.');
        text.push_str(&next.to_string());
    }
    Ok(Value::Str(text, sp))
}

/// After a name: `= value`, `{ props }`, or nothing.
fn named(
    c: &mut Cursor,
    name: Name,
    plain: Value,
    errors: &mut Errors,
    depth: usize,
) -> Result<Value, syn::Error> {
    if c.peek_punct('=') {
        c.next();
        if c.at_end() {
            return Err(c
                .here()
                .error(format!("expected a value after `{} =`", name.value)));
        }
        let v = value(c, errors, depth)?;
        let sp = name.sp.to(v.sp());
        return Ok(Value::Assign(name, Box::new(v), sp));
    }
    if c.peek_brace() {
        let Some(TokenTree::Group(g)) = c.next() else {
            unreachable!("peeked a brace group")
        };
        let sp = name.sp.to(Sp::one(g.span()));
        return Ok(Value::Block(name, props(&g, errors, depth), sp));
    }
    Ok(plain)
}

/// `30m`, `2d 4h`, `95%`, `97.5%`, `12`.
fn number(c: &mut Cursor) -> Result<Number, syn::Error> {
    let start = c.here();
    let mut parts = Vec::new();
    let mut last = start;
    while let Some(TokenTree::Literal(l)) = c.peek() {
        let sp = Sp::one(l.span());
        let part = match syn::Lit::new(l.clone()) {
            syn::Lit::Int(i) => (i.base10_digits().to_owned(), i.suffix().to_owned()),
            syn::Lit::Float(f) => (f.base10_digits().to_owned(), f.suffix().to_owned()),
            _ => {
                return Err(sp.error(format!(
                "expected a number, a duration like `30m` or a percentage like `95%`, found `{l}`"
            )))
            }
        };
        parts.push(part);
        last = sp;
        c.next();
    }
    if parts.is_empty() {
        return Err(
            start.error("expected a number, a duration like `30m` or a percentage like `95%`")
        );
    }
    let percent = c.peek_punct('%');
    if percent {
        last = c.here();
        c.next();
    }
    Ok(Number {
        negative: false,
        parts,
        percent,
        sp: start.to(last),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn parses_stages_steps_and_values() {
        let (ast, errors) = parse(quote! {
            pipeline "p" { type: V2, tag: team = "x" }
            source "Source" { connection "App" { repository: "a/b", out: Src } }
            stage "Build" {
                mock "A" { process: 2d 4h, ca: 95% }
              | mock "B"
                mock "C" { wait: -5% }
            }
        });
        assert!(errors.is_empty());
        assert_eq!(ast.stages.len(), 2);
        let build = &ast.stages[1];
        assert_eq!(build.steps.len(), 2);
        assert_eq!(build.steps[0].len(), 2);
        let Value::Number(n) = &build.steps[0][0].props[0].value else {
            panic!("a number")
        };
        assert_eq!(
            n.parts,
            vec![("2".into(), "d".into()), ("4".into(), "h".into())]
        );
    }

    #[test]
    fn collects_several_errors() {
        let (_, errors) = parse(quote! {
            pipeline "p"
            stage "A" { mock "x" { process 3 }, mock "y" { : 1 } }
            bogus
        });
        assert_eq!(errors.len(), 3);
    }
}

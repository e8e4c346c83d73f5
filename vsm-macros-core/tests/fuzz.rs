//! The macro never panics: random token trees, and random mutations of a valid stream, are fed
//! to `expand`. Each must come back as tokens (an expansion or compile errors), never a panic.
//!
//! CI runs the default case count; for a long run:
//! `PROPTEST_CASES=1000000 cargo test --release -p vsm-macros-core --test fuzz`

use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};
use proptest::prelude::*;

/// The words of the grammar besides the declarations': the macro's own keywords, and a few
/// words it must refuse.
const GRAMMAR: &[&str] = &[
    "pipeline",
    "source",
    "stage",
    "inputs",
    "outputs",
    "namespace",
    "process",
    "wait",
    "ca",
    "run_order",
    "true",
    "false",
    "Src",
    "App",
    "codepipeline",
    "in",
    "out",
    "type",
];

/// Every word the declarations give (kind keywords, property, setting and record keys,
/// choice words), so a new kind, property or setting is fuzzed without a change here.
fn words() -> Vec<&'static str> {
    use vsm_dsl::kinds::{PropInfo, PropType, KINDS};
    fn props(list: &[PropInfo], out: &mut Vec<&'static str>) {
        for p in list {
            out.push(p.key);
            match p.ty {
                PropType::Choice(c) | PropType::ChoiceList(c) => {
                    out.extend(c.options.iter().flat_map(|(w, v)| [*w, *v]));
                }
                PropType::Records(r) | PropType::Record(r) => props(r.fields, out),
                _ => {}
            }
        }
    }
    let mut out: Vec<&'static str> = GRAMMAR.to_vec();
    props(vsm_dsl::model::Settings::PROPS, &mut out);
    for k in KINDS {
        out.push(k.keyword);
        props(k.props, &mut out);
    }
    // Only words that are identifiers (choice words such as `public-read` are strings).
    out.retain(|w| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && w.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    });
    out.sort_unstable();
    out.dedup();
    out
}

const LITERALS: &[&str] = &[
    "\"Build\"",
    "\"acme/app\"",
    "\"\"",
    "\"App::t.yaml\"",
    "\"#{ns.k}\"",
    "\"a b\"",
    "30m",
    "4h",
    "2d",
    "90s",
    "0",
    "1",
    "95",
    "97.5",
    "1e3",
    "1000",
    "4294967296",
    "1h30m",
    "3w",
    "99999999999999999999d",
    "0x1f",
    "5u8",
    "'c'",
    "b\"x\"",
    "r\"raw\"",
    "1.5h",
];

const PUNCT: &[char] = &[
    '|', ',', ':', ';', '%', '-', '=', '#', '.', '/', '!', '@', '&', '<',
];

fn lit(text: &str) -> TokenTree {
    text.parse::<TokenStream>()
        .ok()
        .and_then(|ts| ts.into_iter().next())
        .unwrap_or_else(|| TokenTree::Literal(Literal::u8_unsuffixed(0)))
}

fn leaf() -> impl Strategy<Value = TokenTree> {
    prop_oneof![
        4 => prop::sample::select(words()).prop_map(|w| TokenTree::Ident(Ident::new(w, Span::call_site()))),
        1 => "[a-zA-Z][a-zA-Z0-9_]{0,6}".prop_map(|w| TokenTree::Ident(Ident::new(&w, Span::call_site()))),
        3 => prop::sample::select(LITERALS).prop_map(lit),
        1 => any::<String>().prop_map(|s| TokenTree::Literal(Literal::string(&s))),
        1 => (any::<u64>(), prop::sample::select(&["", "m", "h", "d", "s", "x"][..]))
            .prop_map(|(n, suffix)| lit(&format!("{n}{suffix}"))),
        3 => prop::sample::select(PUNCT).prop_map(|c| TokenTree::Punct(Punct::new(c, Spacing::Alone))),
    ]
}

fn delimiter() -> impl Strategy<Value = Delimiter> {
    prop_oneof![
        4 => Just(Delimiter::Brace),
        2 => Just(Delimiter::Bracket),
        1 => Just(Delimiter::Parenthesis),
        1 => Just(Delimiter::None),
    ]
}

fn tree() -> impl Strategy<Value = TokenTree> {
    leaf().prop_recursive(6, 96, 10, |inner| {
        (delimiter(), prop::collection::vec(inner, 0..10))
            .prop_map(|(d, items)| TokenTree::Group(Group::new(d, items.into_iter().collect())))
    })
}

fn random_stream() -> impl Strategy<Value = TokenStream> {
    prop::collection::vec(tree(), 0..24).prop_map(|v| v.into_iter().collect())
}

const VALID: &str = r##"
    pipeline "p" { pipeline_type: V2, variables: [Env = "prod"], tags: [team = "x"],
                   triggers: [App { push: [{ branches: ["main"] }] }] }
    source "Source" {
        connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
      | ecr "Base" { repository: "base", outputs: Base }
    }
    stage "Build" {
        codebuild "Compile" { inputs: [Src, Base], primary_source: Src, outputs: App, namespace: B }
      | mock "Lint" { process: 2d 4h, wait: 30m, ca: 95% }
        lambda "Notify" { function: "f", user_parameters: "#{B.V}" }
        custom "Flow" { category: Invoke, owner: AWS, provider: "StepFunctions",
                        config: { StateMachineArn: "arn" },
                        permissions: [{ actions: ["s:A"], resources: ["arn:aws:s:::x"] }] }
    }
    stage "Deploy" {
        approval "Go" { timeout: 2h, custom_data: "ok?" }
        cloudformation "Stack" { stack: "s", template: "App::t.yaml", capabilities: [CAPABILITY_IAM] }
    }
"##;

/// A mutation at some path of the valid stream.
#[derive(Debug, Clone)]
enum Edit {
    Delete,
    Duplicate,
    Replace(TokenTree),
    Insert(TokenTree),
    Swap,
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        Just(Edit::Delete),
        Just(Edit::Duplicate),
        leaf().prop_map(Edit::Replace),
        tree().prop_map(Edit::Insert),
        Just(Edit::Swap),
    ]
}

/// Applies `edit` to the token picked by `pick` (walking into groups).
fn mutate(ts: TokenStream, pick: &mut u64, edit: &Edit) -> TokenStream {
    let mut toks: Vec<TokenTree> = ts.into_iter().collect();
    if toks.is_empty() {
        if let Edit::Insert(t) | Edit::Replace(t) = edit {
            toks.push(t.clone());
        }
        return toks.into_iter().collect();
    }
    let i = (*pick % toks.len() as u64) as usize;
    *pick /= toks.len() as u64 + 1;
    let descend = !(*pick).is_multiple_of(3);
    *pick /= 3;
    if let (TokenTree::Group(g), true) = (&toks[i], descend) {
        let inner = mutate(g.stream(), pick, edit);
        let mut new = Group::new(g.delimiter(), inner);
        new.set_span(g.span());
        toks[i] = TokenTree::Group(new);
        return toks.into_iter().collect();
    }
    match edit {
        Edit::Delete => {
            toks.remove(i);
        }
        Edit::Duplicate => {
            let t = toks[i].clone();
            toks.insert(i, t);
        }
        Edit::Replace(t) => toks[i] = t.clone(),
        Edit::Insert(t) => toks.insert(i, t.clone()),
        Edit::Swap => {
            let j = (i + 1) % toks.len();
            toks.swap(i, j);
        }
    }
    toks.into_iter().collect()
}

fn mutated_stream() -> impl Strategy<Value = TokenStream> {
    prop::collection::vec((any::<u64>(), edit()), 1..6).prop_map(|edits| {
        let mut ts: TokenStream = VALID.parse().expect("valid tokens");
        for (mut pick, e) in edits {
            ts = mutate(ts, &mut pick, &e);
        }
        ts
    })
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_tokens_never_panic(ts in random_stream()) {
        let _ = vsm_macros_core::expand(ts);
    }

    #[test]
    fn mutated_streams_never_panic(ts in mutated_stream()) {
        let _ = vsm_macros_core::expand(ts);
    }
}

#[test]
fn the_valid_stream_expands() {
    let ts: TokenStream = VALID.parse().expect("valid tokens");
    let out = vsm_macros_core::expand(ts).to_string();
    assert!(!out.contains("compile_error"), "{out}");
}

#[test]
fn huge_and_deep_inputs_never_panic() {
    let deep = format!(
        "pipeline \"p\" {{ tags: {}x{} }}",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    let _ = vsm_macros_core::expand(deep.parse().expect("tokens"));
    let wide = "mock \"A\" | ".repeat(20_000);
    let _ = vsm_macros_core::expand(
        format!("pipeline \"p\" stage \"S\" {{ {wide} }}")
            .parse()
            .expect("tokens"),
    );
    let _ = vsm_macros_core::expand(TokenStream::new());
}

//! Compile-time checks, as the user sees them (trybuild): every rule the `stream!` macro can
//! check fails to compile with its id on the right token; tricky valid streams compile; the
//! typed builder's shape mistakes read as sentences.
//!
//! Regenerate the `.stderr` files after a deliberate change with `TRYBUILD=overwrite`.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
    t.pass("tests/ui/pass/*.rs");
}

//! The UI's unit tests draw a diagram the Rust side really produces, not one typed by hand
//! that could drift from it: `ui/src/test/fixtures/small-diagram.json` is the diagram of the
//! built-in web-and-postgres blueprint planned with its defaults. Fails when the committed
//! file differs; `HANGAR_WRITE_BINDINGS=1` (as `make bindings` sets) rewrites it.

mod common;

use std::path::PathBuf;

/// The blueprint and overrides the fixture is planned from.
const BLUEPRINT: &str = "web-and-postgres";

fn small_diagram_json() -> String {
    let plan = common::plan_of(
        BLUEPRINT,
        &[("region", "us-east-1"), ("environment", "dev")],
    );
    let mut json = serde_json::to_string_pretty(&plan.diagram).expect("the diagram serialises");
    json.push('\n');
    json
}

#[test]
fn the_small_diagram_fixture_is_fresh() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../ui/src/test/fixtures/small-diagram.json");
    let expected = small_diagram_json();
    if std::env::var_os("HANGAR_WRITE_BINDINGS").is_some() {
        std::fs::create_dir_all(path.parent().expect("fixture path has a parent"))
            .expect("create ui/src/test/fixtures");
        std::fs::write(&path, &expected).expect("write the fixture");
        return;
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "{} is stale: run `make bindings` and commit the result",
        path.display()
    );
}

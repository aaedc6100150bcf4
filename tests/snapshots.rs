//! Snapshots of each seed: the cleaned text and the annotated diff (one line
//! per edit), with the default configuration. Regenerate after changing a
//! pass with `INSTA_UPDATE=always cargo test --test snapshots` (or
//! `cargo insta review`), then read the diff of `tests/snapshots/`.

use rinse::{Cleaner, Config};
use std::path::PathBuf;
use std::sync::LazyLock;

static CLEANER: LazyLock<Cleaner> = LazyLock::new(|| Cleaner::new(Config::default()).unwrap());

/// The seed whose file name starts with `id` (`seeds/000_*.txt`).
fn seed(id: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let found: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(&format!("{id}_")))
        .collect();
    assert_eq!(found.len(), 1, "seed {id}: {found:?}");
    found.into_iter().next().unwrap()
}

fn snapshot_seed(id: &str) {
    let path = seed(id);
    let name = format!("seeds/{}", path.file_name().unwrap().to_string_lossy());
    let original = std::fs::read_to_string(&path).unwrap();
    let cleaned = CLEANER.clean(&original);
    insta::assert_snapshot!(format!("seed_{id}_cleaned"), cleaned.text);
    insta::assert_snapshot!(format!("seed_{id}_annotated"), rinse::report::diff::annotated(&original, &cleaned.report, &name));
}

macro_rules! seed_tests {
    ($($test:ident => $id:literal),* $(,)?) => {
        $(#[test] fn $test() { snapshot_seed($id); })*
    };
}

seed_tests! {
    seed_000 => "000",
    seed_001 => "001",
    seed_002 => "002",
    seed_003 => "003",
    seed_004 => "004",
}

#[test]
fn every_seed_has_a_snapshot_test() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let n = std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "txt"))
        .count();
    assert_eq!(n, 5, "a seed was added or removed: update seed_tests! above");
}

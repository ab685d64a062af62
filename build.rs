//! Embeds every `queries/*.rq` and every `ontology/*.ttl` in the binary, so
//! `newsgraph query NAME` works from any directory, and adding a canned
//! query or a vocabulary file (a gazetteer of one's own) is adding a file.

use std::fmt::Write;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=queries");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|n| n.ends_with(".rq"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut code =
        String::from("/// Canned queries: (name, text).\npub const CANNED: &[(&str, &str)] = &[\n");
    for name in &names {
        let stem = name.trim_end_matches(".rq");
        let path = dir.join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        let _ = writeln!(
            code,
            "    ({stem:?}, include_str!({:?})),",
            path.display().to_string()
        );
    }
    code.push_str("];\n");
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out_dir).join("canned_queries.rs"), code)
        .expect("OUT_DIR is writable");
    std::fs::write(Path::new(&out_dir).join("ontology_files.rs"), ontology())
        .expect("OUT_DIR is writable");
}

/// `pub const BUILT_IN: &[(&str, &str)]` of every `ontology/*.ttl`, by
/// file name, in name order (the order the vocabulary reads them in).
fn ontology() -> String {
    println!("cargo:rerun-if-changed=ontology");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("ontology");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|n| n.ends_with(".ttl"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut code = String::from(
        "/// The built-in ontology files, by file name.\npub const BUILT_IN: &[(&str, &str)] = &[\n",
    );
    for name in &names {
        let path = dir.join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        let _ = writeln!(
            code,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        );
    }
    code.push_str("];\n");
    code
}

//! The docs hold to the code: every config key is documented once, in
//! docs/FORMATS.md's "## Config file" section, and nowhere else has a config
//! table.

use mtcheck::Config;
use std::collections::BTreeMap;
use std::path::Path;

/// Keys that serialise as absent in the default config (`None` options, the
/// empty `[score.kinds]` table), so the serialised default cannot name them,
/// yet the docs do.
const OPTIONAL_KEYS: [(&str, &str); 4] = [
    ("align", "mode"),
    ("score", "clean"),
    ("score", "review"),
    ("score", "kinds"),
];

fn doc(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("docs")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Section name → its keys, read from `Config::default()` serialised to TOML.
/// A nested table (`[score.kinds]`) is a key of its section (`kinds`).
fn default_keys() -> BTreeMap<String, Vec<String>> {
    let text = toml::to_string(&Config::default()).unwrap();
    let table: toml::Table = text.parse().unwrap();
    let mut keys = BTreeMap::new();
    for (section, value) in table {
        let toml::Value::Table(t) = value else {
            panic!("top-level config key {section:?} is not a section");
        };
        keys.insert(section, t.keys().cloned().collect());
    }
    keys
}

/// `### \`[section]\` …` heading → the lines under it, within the
/// "## Config file" section of docs/FORMATS.md.
fn formats_config_sections() -> BTreeMap<String, Vec<String>> {
    let formats = doc("FORMATS.md");
    let mut lines = formats
        .lines()
        .skip_while(|l| !l.starts_with("## Config file"))
        .skip(1)
        .take_while(|l| !l.starts_with("## "));
    let mut sections: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in lines.by_ref() {
        if let Some(rest) = line.strip_prefix("### ") {
            current = rest
                .strip_prefix("`[")
                .and_then(|r| r.split_once("]`"))
                .map(|(name, _)| name.to_string());
            if let Some(name) = &current {
                assert!(
                    !sections.contains_key(name),
                    "docs/FORMATS.md has two `[{name}]` headings"
                );
                sections.insert(name.clone(), Vec::new());
            }
        } else if let Some(name) = &current {
            sections.get_mut(name).unwrap().push(line.to_string());
        }
    }
    assert!(
        !sections.is_empty(),
        "docs/FORMATS.md has no config section"
    );
    sections
}

/// The backticked names in the first cell of a table row: "| `a`, `b` | …" → [a, b].
fn row_keys(line: &str) -> Vec<String> {
    let Some(rest) = line.strip_prefix("| `") else {
        return Vec::new();
    };
    let first_cell = rest.split(" |").next().unwrap_or("");
    format!("`{first_cell}")
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

#[test]
fn every_config_key_is_documented_once_in_formats() {
    let keys = default_keys();
    let sections = formats_config_sections();
    assert!(keys.len() >= 9, "{keys:?}");
    for (section, names) in &keys {
        let lines = sections
            .get(section)
            .unwrap_or_else(|| panic!("docs/FORMATS.md has no `[{section}]` config section"));
        let rows: Vec<String> = lines.iter().flat_map(|l| row_keys(l)).collect();
        for key in names {
            let n = rows.iter().filter(|r| *r == key).count();
            assert_eq!(n, 1, "`[{section}]` `{key}`: {n} rows in docs/FORMATS.md");
        }
        // No row for a key the code does not have.
        for row in &rows {
            assert!(
                names.contains(row) || OPTIONAL_KEYS.contains(&(section.as_str(), row.as_str())),
                "docs/FORMATS.md documents `[{section}]` `{row}`, which the config does not have"
            );
        }
    }
    for section in sections.keys() {
        assert!(
            keys.contains_key(section),
            "docs/FORMATS.md documents a `[{section}]` section the config does not have"
        );
    }
    for (section, key) in OPTIONAL_KEYS {
        let lines = &sections[section];
        let n = lines
            .iter()
            .flat_map(|l| row_keys(l))
            .filter(|r| r == key)
            .count();
        assert_eq!(n, 1, "`[{section}]` `{key}`: {n} rows in docs/FORMATS.md");
    }
}

#[test]
fn config_tables_are_only_in_formats() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.ends_with(".md") || name == "FORMATS.md" {
            continue;
        }
        let text = doc(&name);
        assert!(
            !text.lines().any(|l| l.starts_with("| key | default")),
            "docs/{name} has a config table; config keys are documented in docs/FORMATS.md only"
        );
    }
}

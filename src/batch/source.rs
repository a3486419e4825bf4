//! Where batch rows come from: a manifest CSV read record by record, or two
//! folders paired by file name. Either way a row knows its manifest position,
//! id, paths and extra columns, or says why it cannot be checked.

use std::fs::File;
use std::path::{Path, PathBuf};

use super::BatchError;
use crate::report::csv::REPORT_COLUMNS;

/// One article to check, as the manifest (or folder pairing) gives it.
#[derive(Debug, Clone)]
pub struct Row {
    /// 0-based position among the manifest's data rows.
    pub index: usize,
    pub id: String,
    /// Paths as written in the manifest (relative to its folder) or `DIR/name`.
    pub candidate: String,
    pub reference: String,
    /// The extra manifest columns' values, in header order.
    pub extras: Vec<String>,
    /// Why this row cannot be checked, when the row itself is unusable.
    pub problem: Option<String>,
}

/// A row source: its extra columns, its size and its rows.
pub enum Source {
    Manifest(Manifest),
    Dirs(Vec<Row>),
}

impl Source {
    /// Extra columns carried into report.csv (after the contract's columns).
    pub fn extra_columns(&self) -> &[String] {
        match self {
            Source::Manifest(m) => &m.extra_names,
            Source::Dirs(_) => &[],
        }
    }

    /// Number of data rows.
    pub fn len(&self) -> usize {
        match self {
            Source::Manifest(m) => m.rows,
            Source::Dirs(rows) => rows.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The folder relative manifest paths are read from.
    pub fn base(&self) -> &Path {
        match self {
            Source::Manifest(m) => &m.base,
            Source::Dirs(_) => Path::new(""),
        }
    }

    /// Rows `range` (0-based, end exclusive), in order, read lazily.
    pub fn rows(
        &self,
        range: std::ops::Range<usize>,
    ) -> Result<Box<dyn Iterator<Item = Result<Row, BatchError>> + '_>, BatchError> {
        match self {
            Source::Manifest(m) => Ok(Box::new(m.rows(range)?)),
            Source::Dirs(rows) => {
                let start = range.start.min(rows.len());
                let end = range.end.clamp(start, rows.len());
                Ok(Box::new(rows[start..end].iter().cloned().map(Ok)))
            }
        }
    }
}

/// A manifest whose header has been read and whose rows have been counted.
pub struct Manifest {
    path: PathBuf,
    base: PathBuf,
    width: usize,
    id_col: Option<usize>,
    candidate_col: usize,
    reference_col: usize,
    extra_cols: Vec<usize>,
    extra_names: Vec<String>,
    rows: usize,
}

fn manifest_reader(path: &Path) -> Result<csv::Reader<File>, BatchError> {
    let file = File::open(path).map_err(|e| {
        let why = match e.kind() {
            std::io::ErrorKind::NotFound => "no such file (check the path)".to_string(),
            _ => e.to_string(),
        };
        BatchError::Manifest(format!("{}: {why}", path.display()))
    })?;
    Ok(csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .from_reader(file))
}

/// A field as text: UTF-8, or Windows-1252 when it is not valid UTF-8 (as
/// spreadsheet programs often save CSV).
fn field_text(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

impl Manifest {
    /// Reads the header and counts the rows (a cheap first pass, so shards and
    /// the progress bar know the size without holding any row).
    pub fn open(path: &Path) -> Result<Manifest, BatchError> {
        let name = path.display().to_string();
        let unusable = |why: String| BatchError::Manifest(format!("{name}: {why}"));
        let meta = std::fs::metadata(path);
        if meta.as_ref().is_ok_and(|m| m.is_dir()) {
            return Err(unusable("is a directory, not a manifest CSV".into()));
        }
        let mut reader = manifest_reader(path)?;
        let mut records = reader.byte_records();
        let header = match records.next() {
            None => {
                return Err(unusable(
                    "is empty (expected a CSV header with candidate,reference)".into(),
                ))
            }
            Some(Err(e)) => return Err(unusable(format!("cannot read the header: {e}"))),
            Some(Ok(h)) => h,
        };
        if header.iter().any(|f| f.contains(&0)) {
            return Err(unusable("is a binary file, not a CSV manifest".into()));
        }
        let names: Vec<String> = header
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let s = field_text(f);
                let s = if i == 0 {
                    s.trim_start_matches('\u{FEFF}').to_string()
                } else {
                    s
                };
                s.trim().to_string()
            })
            .collect();
        let find = |want: &str| names.iter().position(|n| n.eq_ignore_ascii_case(want));
        let (Some(candidate_col), Some(reference_col)) = (find("candidate"), find("reference"))
        else {
            let mut shown = names.join(",");
            if shown.chars().count() > 80 {
                shown = shown.chars().take(80).collect::<String>() + "…";
            }
            return Err(unusable(format!(
                "not a usable manifest: the header needs `candidate` and `reference` columns (found: {shown})"
            )));
        };
        let id_col = find("id");
        let extra_cols: Vec<usize> = (0..names.len())
            .filter(|&i| i != candidate_col && i != reference_col && Some(i) != id_col)
            .collect();
        let extra_names = extra_cols
            .iter()
            .map(|&i| {
                let n = names.get(i).map(String::as_str).unwrap_or("");
                if REPORT_COLUMNS.iter().any(|c| c.eq_ignore_ascii_case(n)) {
                    // A manifest `words` or `score` column must not pass for ours.
                    format!("manifest_{n}")
                } else {
                    n.to_string()
                }
            })
            .collect();
        let mut rows = 0;
        for r in records {
            r.map_err(|e| unusable(format!("cannot read: {e}")))?;
            rows += 1;
        }
        let base = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        Ok(Manifest {
            path: path.to_path_buf(),
            base,
            width: names.len(),
            id_col,
            candidate_col,
            reference_col,
            extra_cols,
            extra_names,
            rows,
        })
    }

    fn rows(
        &self,
        range: std::ops::Range<usize>,
    ) -> Result<impl Iterator<Item = Result<Row, BatchError>> + '_, BatchError> {
        let reader = manifest_reader(&self.path)?;
        let name = self.path.display().to_string();
        let len = range.end.saturating_sub(range.start);
        Ok(reader
            .into_byte_records()
            .skip(1 + range.start)
            .take(len)
            .enumerate()
            .map(move |(i, r)| {
                let record =
                    r.map_err(|e| BatchError::Manifest(format!("{name}: cannot read: {e}")))?;
                Ok(self.row(range.start + i, &record))
            }))
    }

    fn row(&self, index: usize, record: &csv::ByteRecord) -> Row {
        let get = |i: usize| record.get(i).map(field_text).unwrap_or_default();
        let candidate = get(self.candidate_col).trim().to_string();
        let reference = get(self.reference_col).trim().to_string();
        let id = self
            .id_col
            .map(get)
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| candidate.clone());
        let extras = self.extra_cols.iter().map(|&i| get(i)).collect();
        // Line numbers count the header as line 1 (records with embedded
        // line breaks make this approximate; the csv position is exact).
        let line = record
            .position()
            .map(|p| p.line())
            .unwrap_or(index as u64 + 2);
        let problem = if record.len() != self.width {
            Some(format!(
                "manifest line {line}: {} fields where the header has {}",
                record.len(),
                self.width
            ))
        } else if candidate.is_empty() {
            Some(format!("manifest line {line}: the candidate path is empty"))
        } else if reference.is_empty() {
            Some(format!("manifest line {line}: the reference path is empty"))
        } else {
            None
        };
        Row {
            index,
            id,
            candidate,
            reference,
            extras,
            problem,
        }
    }
}

/// Pairs the files of two folders by name (hidden files and sub-folders are
/// skipped); a name found in only one folder becomes an error row.
pub fn pair_dirs(candidates: &Path, references: &Path) -> Result<Source, BatchError> {
    let list = |dir: &Path, what: &str| -> Result<Vec<String>, BatchError> {
        let entries = std::fs::read_dir(dir)
            .map_err(|e| BatchError::Manifest(format!("{what} folder {}: {e}", dir.display())))?;
        let mut names = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| {
                BatchError::Manifest(format!("{what} folder {}: {e}", dir.display()))
            })?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            if std::fs::metadata(entry.path()).is_ok_and(|m| m.is_file()) {
                names.push(name);
            }
        }
        names.sort();
        Ok(names)
    };
    let cands = list(candidates, "candidates")?;
    let refs = list(references, "references")?;
    let mut all: Vec<&String> = cands.iter().chain(refs.iter()).collect();
    all.sort();
    all.dedup();
    let rows = all
        .into_iter()
        .enumerate()
        .map(|(index, name)| {
            let has_c = cands.binary_search(name).is_ok();
            let has_r = refs.binary_search(name).is_ok();
            let cpath = candidates.join(name).display().to_string();
            let rpath = references.join(name).display().to_string();
            let problem = match (has_c, has_r) {
                (true, true) => None,
                (true, false) => Some(format!(
                    "no reference named {name} in {}",
                    references.display()
                )),
                _ => Some(format!(
                    "no candidate named {name} in {}",
                    candidates.display()
                )),
            };
            Row {
                index,
                id: name.clone(),
                candidate: if has_c { cpath } else { String::new() },
                reference: if has_r { rpath } else { String::new() },
                extras: Vec::new(),
                problem,
            }
        })
        .collect();
    Ok(Source::Dirs(rows))
}

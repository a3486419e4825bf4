//! Where batch rows come from: a manifest CSV read record by record, or two
//! folders paired by file name. Either way a row knows its manifest position,
//! id, paths and extra columns, or says why it cannot be checked.

use std::fs::File;
use std::io::{BufRead, Read};
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
            Source::Manifest(m) => m.extra_names(),
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
    /// How messages name it.
    name: String,
    data: Data,
    base: PathBuf,
    layout: Layout,
    rows: usize,
}

/// Where a manifest's (UTF-8 or 8-bit) bytes are read from: a regular file,
/// read again for each window of rows, or memory (a pipe, standard input, a
/// UTF-16 manifest after decoding, the fuzz target's bytes).
enum Data {
    File(PathBuf),
    Memory(Vec<u8>),
}

impl Data {
    fn reader(&self, name: &str) -> Result<Box<dyn Read + '_>, BatchError> {
        match self {
            Data::File(path) => {
                let file = File::open(path).map_err(|e| {
                    let why = match e.kind() {
                        std::io::ErrorKind::NotFound => "no such file (check the path)".to_string(),
                        _ => e.to_string(),
                    };
                    BatchError::Manifest(format!("{name}: {why}"))
                })?;
                Ok(Box::new(std::io::BufReader::new(file)))
            }
            Data::Memory(bytes) => Ok(Box::new(bytes.as_slice())),
        }
    }
}

fn csv_reader<R: Read>(reader: R, delimiter: u8) -> csv::Reader<R> {
    csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .delimiter(delimiter)
        .from_reader(reader)
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

/// The delimiters a manifest may use, in the order they are tried.
const DELIMITERS: [u8; 3] = [b',', b';', b'\t'];

/// What the first bytes of a manifest say about its encoding: `Ok(None)`
/// for UTF-8 or 8-bit text, `Ok(Some(encoding))` for UTF-16 (then decoded
/// whole), `Err` naming an encoding that is not read (UTF-32).
fn sniff_encoding(head: &[u8]) -> Result<Option<&'static encoding_rs::Encoding>, String> {
    let utf32 = "is UTF-32 text, which mtcheck does not read: save it as UTF-8 CSV";
    if head.starts_with(&[0xFF, 0xFE, 0, 0]) || head.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Err(utf32.into());
    }
    if head.starts_with(&[0xFF, 0xFE]) {
        return Ok(Some(encoding_rs::UTF_16LE));
    }
    if head.starts_with(&[0xFE, 0xFF]) {
        return Ok(Some(encoding_rs::UTF_16BE));
    }
    // Without a byte-order mark: the high bytes of an ASCII header are zero.
    let zero = |i: usize| head.get(i) == Some(&0);
    let nonzero = |i: usize| head.get(i).is_some_and(|&b| b != 0);
    if head.len() >= 8 {
        let le32 = (0..2).all(|k| nonzero(4 * k) && (1..4).all(|j| zero(4 * k + j)));
        let be32 = (0..2).all(|k| (0..3).all(|j| zero(4 * k + j)) && nonzero(4 * k + 3));
        if le32 || be32 {
            return Err(utf32.into());
        }
        if (0..4).all(|k| nonzero(2 * k) && zero(2 * k + 1)) {
            return Ok(Some(encoding_rs::UTF_16LE));
        }
        if (0..4).all(|k| zero(2 * k) && nonzero(2 * k + 1)) {
            return Ok(Some(encoding_rs::UTF_16BE));
        }
    }
    Ok(None)
}

/// Scans a manifest's bytes as the CSV reader splits them (RFC 4180
/// quoting: a quote opens a quoted field only at the field's start, `""`
/// inside is a quote) and refuses NUL bytes, and a quoted field still open
/// at the end of the file, which would otherwise swallow every row after
/// it. Linear in the input.
fn scan(reader: impl Read, delimiter: u8) -> Result<(), String> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let mut reader = std::io::BufReader::new(reader);
    let mut state = State::FieldStart;
    let mut line = 1u64;
    let mut opened = 1u64;
    loop {
        let buf = reader.fill_buf().map_err(|e| format!("cannot read: {e}"))?;
        if buf.is_empty() {
            break;
        }
        for &b in buf {
            if b == 0 {
                return Err(format!(
                    "contains NUL bytes (line {line}): not a text CSV manifest"
                ));
            }
            if b == b'\n' {
                line += 1;
            }
            state = match (state, b) {
                (State::Quoted, b'"') => State::QuoteInQuoted,
                (State::Quoted, _) => State::Quoted,
                (State::FieldStart, b'"') => {
                    opened = line;
                    State::Quoted
                }
                (State::QuoteInQuoted, b'"') => State::Quoted,
                (_, b'\n' | b'\r') => State::FieldStart,
                (_, d) if d == delimiter => State::FieldStart,
                _ => State::Unquoted,
            };
        }
        let n = buf.len();
        reader.consume(n);
    }
    if state == State::Quoted {
        return Err(format!(
            "line {opened}: a quoted field opens here and is never closed (a missing `\"`), \
             so every row after it would be read into it"
        ));
    }
    Ok(())
}

/// Reads at most `limit` bytes of `reader`; more is an error.
fn read_limited(reader: impl Read, limit: usize) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    reader
        .take(u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() > limit {
        return Err(format!(
            "is too large: over the limit of {limit} bytes (raise it with --max-bytes)"
        ));
    }
    Ok(bytes)
}

/// The manifest's columns, from its header.
struct Layout {
    /// The field separator sniffed from the header: `,`, `;` or tab.
    delimiter: u8,
    width: usize,
    id_col: Option<usize>,
    candidate_col: usize,
    reference_col: usize,
    extra_cols: Vec<usize>,
    extra_names: Vec<String>,
}

fn header_names(header: &csv::ByteRecord) -> Vec<String> {
    header
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
        .collect()
}

/// Reads the header with each delimiter in turn (comma, semicolon, tab)
/// and keeps the first that gives both a `candidate` and a `reference`
/// column.
fn layout(data: &Data, name: &str) -> Result<Layout, String> {
    let mut first_names = None;
    for delimiter in DELIMITERS {
        let reader = data.reader(name).map_err(|e| e.to_string())?;
        let mut reader = csv_reader(reader, delimiter);
        let header = match reader.byte_records().next() {
            None => return Err("is empty (expected a CSV header with candidate,reference)".into()),
            Some(Err(e)) => return Err(format!("cannot read the header: {e}")),
            Some(Ok(h)) => h,
        };
        let names = header_names(&header);
        let find = |want: &str| names.iter().position(|n| n.eq_ignore_ascii_case(want));
        if let (Some(candidate_col), Some(reference_col)) = (find("candidate"), find("reference")) {
            let id_col = find("id");
            let extra_cols: Vec<usize> = (0..names.len())
                .filter(|&i| i != candidate_col && i != reference_col && Some(i) != id_col)
                .collect();
            let extra_names = unique_names(
                extra_cols
                    .iter()
                    .map(|&i| names.get(i).map(String::as_str).unwrap_or("")),
            );
            return Ok(Layout {
                delimiter,
                width: names.len(),
                id_col,
                candidate_col,
                reference_col,
                extra_cols,
                extra_names,
            });
        }
        first_names.get_or_insert(names);
    }
    let mut shown = first_names.unwrap_or_default().join(",");
    if shown.chars().count() > 80 {
        shown = shown.chars().take(80).collect::<String>() + "…";
    }
    Err(format!(
        "not a usable manifest: the header needs `candidate` and `reference` columns, \
         separated by commas, semicolons or tabs (found: {shown})"
    ))
}

/// The extra columns' names as report.csv shows them: a name that is one
/// of ours gets a `manifest_` prefix (a manifest `words` or `score` column
/// must not pass for ours), and a name already taken (case ignored) a
/// `_2`, `_3`… suffix, so every column of report.csv has its own name.
fn unique_names<'a>(names: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut taken: Vec<String> = REPORT_COLUMNS.iter().map(|c| c.to_lowercase()).collect();
    let mut out = Vec::new();
    for n in names {
        let base = if REPORT_COLUMNS.iter().any(|c| c.eq_ignore_ascii_case(n)) {
            format!("manifest_{n}")
        } else {
            n.to_string()
        };
        let mut name = base.clone();
        let mut k = 2;
        while taken.contains(&name.to_lowercase()) {
            name = format!("{base}_{k}");
            k += 1;
        }
        taken.push(name.to_lowercase());
        out.push(name);
    }
    out
}

impl Manifest {
    /// Reads the header and counts the rows (a cheap first pass, so shards and
    /// the progress bar know the size without holding any row). A manifest
    /// that is not a regular file (a pipe; `-` for standard input) or is
    /// UTF-16 is read into memory, at most `max_bytes` of it.
    pub fn open(path: &Path, max_bytes: usize) -> Result<Manifest, BatchError> {
        let name = path.display().to_string();
        let unusable = |why: String| BatchError::Manifest(format!("{name}: {why}"));
        let stdin = path.as_os_str() == "-";
        let meta = if stdin {
            None
        } else {
            Some(std::fs::metadata(path).map_err(|e| {
                unusable(match e.kind() {
                    std::io::ErrorKind::NotFound => "no such file (check the path)".to_string(),
                    _ => e.to_string(),
                })
            })?)
        };
        if meta.as_ref().is_some_and(|m| m.is_dir()) {
            return Err(unusable("is a directory, not a manifest CSV".into()));
        }
        let whole = |reader: &mut dyn Read| read_limited(reader, max_bytes).map_err(&unusable);
        let data = if stdin {
            Data::Memory(whole(&mut std::io::stdin().lock())?)
        } else {
            let mut file = File::open(path).map_err(|e| unusable(e.to_string()))?;
            if meta.as_ref().is_some_and(|m| m.is_file()) {
                let mut head = Vec::new();
                (&mut file)
                    .take(16)
                    .read_to_end(&mut head)
                    .map_err(|e| unusable(format!("cannot read: {e}")))?;
                if sniff_encoding(&head).map_err(&unusable)?.is_some() {
                    let mut chain = head.as_slice().chain(file);
                    Data::Memory(whole(&mut chain)?)
                } else {
                    Data::File(path.to_path_buf())
                }
            } else {
                Data::Memory(whole(&mut file)?)
            }
        };
        let base = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() && !stdin => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        Manifest::from_data(data, &name, base)
    }

    /// A manifest held in memory, its paths relative to `base`: the parser
    /// [`Manifest::open`] uses, on bytes (the `manifest` fuzz target).
    pub fn from_bytes(bytes: &[u8], base: &Path) -> Result<Manifest, BatchError> {
        Manifest::from_data(Data::Memory(bytes.to_vec()), "manifest", base.to_path_buf())
    }

    fn from_data(data: Data, name: &str, base: PathBuf) -> Result<Manifest, BatchError> {
        let unusable = |why: String| BatchError::Manifest(format!("{name}: {why}"));
        let data = match data {
            Data::Memory(bytes) => match sniff_encoding(&bytes).map_err(&unusable)? {
                // `decode` removes the byte-order mark.
                Some(encoding) => Data::Memory(encoding.decode(&bytes).0.into_owned().into_bytes()),
                None => Data::Memory(bytes),
            },
            file => file,
        };
        let layout = layout(&data, name).map_err(&unusable)?;
        scan(data.reader(name)?, layout.delimiter).map_err(&unusable)?;
        let mut rows = 0;
        for r in csv_reader(data.reader(name)?, layout.delimiter)
            .byte_records()
            .skip(1)
        {
            r.map_err(|e| unusable(format!("cannot read: {e}")))?;
            rows += 1;
        }
        Ok(Manifest {
            name: name.to_string(),
            data,
            base,
            layout,
            rows,
        })
    }

    /// The extra columns' names, as report.csv shows them.
    pub fn extra_names(&self) -> &[String] {
        &self.layout.extra_names
    }

    /// The field separator read from the header.
    pub fn delimiter(&self) -> u8 {
        self.layout.delimiter
    }

    /// Number of data rows.
    pub fn len(&self) -> usize {
        self.rows
    }

    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// Every row, in order.
    pub fn all_rows(&self) -> Result<Vec<Row>, BatchError> {
        self.rows(0..self.rows)?.collect()
    }

    fn rows(
        &self,
        range: std::ops::Range<usize>,
    ) -> Result<impl Iterator<Item = Result<Row, BatchError>> + '_, BatchError> {
        let reader = csv_reader(self.data.reader(&self.name)?, self.layout.delimiter);
        let name = &self.name;
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
        let layout = &self.layout;
        let get = |i: usize| record.get(i).map(field_text).unwrap_or_default();
        let candidate = get(layout.candidate_col).trim().to_string();
        let reference = get(layout.reference_col).trim().to_string();
        let id = layout
            .id_col
            .map(get)
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| candidate.clone());
        let extras = layout.extra_cols.iter().map(|&i| get(i)).collect();
        // Line numbers count the header as line 1 (records with embedded
        // line breaks make this approximate; the csv position is exact).
        let line = record
            .position()
            .map(|p| p.line())
            .unwrap_or(index as u64 + 2);
        let problem = if record.len() != layout.width {
            Some(format!(
                "manifest line {line}: {} fields where the header has {}",
                record.len(),
                layout.width
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

//! What the page shows, computed from the analysis without a DOM: number text,
//! DOM ids, finding groups, the standard tables a report should have, CSV.
//! Unit-tested natively.

use crate::model::{Amount, Analysis, Finding, ReportKind, Severity, Table};
use rust_decimal::Decimal;

/// A printed amount with thousands separators (`8219.20` → `8,219.20`, `25.50%`).
pub fn amount(a: Option<Amount>) -> String {
    match a {
        None => String::new(),
        Some(a) if a.percent => format!("{}%", a.value),
        Some(a) => crate::text::group_thousands(&a.value.to_string()),
    }
}

pub fn decimal(d: Option<Decimal>) -> String {
    d.map(|d| crate::text::group_thousands(&d.to_string()))
        .unwrap_or_default()
}

/// Stable DOM id of a value cell: `cell-t3-5-2` (table, row index, value column).
pub fn cell_id(table: &str, row: usize, col: usize) -> String {
    format!("cell-{table}-{row}-{col}")
}

pub fn table_dom_id(table: &str) -> String {
    format!("table-{table}")
}

/// Stable DOM id of a table row: `row-t3-5`.
pub fn row_dom_id(table: &str, row: usize) -> String {
    format!("row-{table}-{row}")
}

/// The row a finding without a cell is about (an ambiguous row, a row-level
/// rule): the row of its table printed on the finding's line, else the one its
/// `row` (code or label) names.
pub fn finding_row(a: &Analysis, f: &Finding) -> Option<usize> {
    let t = a
        .tables
        .iter()
        .find(|t| Some(t.id.as_str()) == f.table.as_deref())?;
    if let Some(line) = f.line {
        if let Some(i) = t.rows.iter().position(|r| r.line == line) {
            return Some(i);
        }
    }
    let name = f.row.as_deref()?;
    t.rows
        .iter()
        .position(|r| r.code.as_deref() == Some(name) || r.label == name)
}

/// Finding indices by a key (a row, a cell), sorted by key: the few marked places of
/// one table, looked up by binary search (a hash map per key type cost the page's wasm
/// its own hash table code).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Marked<K>(Vec<(K, Vec<usize>)>);

impl<K: Ord + Copy> Marked<K> {
    fn add(&mut self, key: K, finding: usize) {
        match self.0.binary_search_by(|(k, _)| k.cmp(&key)) {
            Ok(at) => self.0[at].1.push(finding),
            Err(at) => self.0.insert(at, (key, vec![finding])),
        }
    }
    pub fn get(&self, key: &K) -> Option<&Vec<usize>> {
        self.0
            .binary_search_by(|(k, _)| k.cmp(key))
            .ok()
            .map(|at| &self.0[at].1)
    }
}

/// Findings about a whole row of `table` (no cell): row index → finding indices.
pub fn row_findings(a: &Analysis, table: &str) -> Marked<usize> {
    let mut m = Marked::default();
    for (i, f) in a.findings.iter().enumerate() {
        if f.table.as_deref() == Some(table) && f.cell.is_none() {
            if let Some(r) = finding_row(a, f) {
                m.add(r, i);
            }
        }
    }
    m
}

/// Where each finding's table stands among the report's tables, by finding index:
/// -1 for a report-wide finding, `i64::MAX` for a table the report does not hold.
/// Worked out once, before the findings are sorted by it.
pub fn table_ranks(a: &Analysis) -> Vec<i64> {
    a.findings
        .iter()
        .map(|f| match f.table.as_deref() {
            None => -1,
            Some(id) => a
                .tables
                .iter()
                .position(|t| t.id == id)
                .map_or(i64::MAX, |p| p as i64),
        })
        .collect()
}

/// Findings of one table (or of the whole report when `table` is `None`).
#[derive(Debug, Clone, PartialEq)]
pub struct FindingGroup {
    pub table: Option<String>,
    /// Indices into `Analysis::findings`.
    pub findings: Vec<usize>,
}

/// Findings grouped by table in the tables' order, report-wide ones first;
/// only those whose severity passes `shown`.
pub fn group_findings(a: &Analysis, shown: impl Fn(Severity) -> bool) -> Vec<FindingGroup> {
    let mut groups: Vec<FindingGroup> = Vec::new();
    let mut idx: Vec<usize> = (0..a.findings.len())
        .filter(|&i| shown(a.findings[i].severity))
        .collect();
    // Report-wide first, then by table order; within a table most severe first,
    // then by source line.
    let rank = table_ranks(a);
    crate::stable_sort::by_key(&mut idx, |&i| {
        let f = &a.findings[i];
        (
            rank[i],
            std::cmp::Reverse(f.severity),
            f.line.unwrap_or(0),
            i,
        )
    });
    for i in idx {
        let t = a.findings[i].table.clone();
        match groups.last_mut() {
            Some(g) if g.table == t => g.findings.push(i),
            _ => groups.push(FindingGroup {
                table: t,
                findings: vec![i],
            }),
        }
    }
    // Groups holding an error come first, then those with a warning: the
    // notices of a long aligned report must not push a warning out of sight.
    crate::stable_sort::by_key(&mut groups, |g| {
        std::cmp::Reverse(
            g.findings
                .iter()
                .map(|&i| a.findings[i].severity)
                .max()
                .unwrap_or(Severity::Notice),
        )
    });
    groups
}

/// Findings that point at a cell of `table`: (row, col) → finding indices.
pub fn cell_findings(a: &Analysis, table: &str) -> Marked<(usize, usize)> {
    let mut m = Marked::default();
    for (i, f) in a.findings.iter().enumerate() {
        if f.table.as_deref() == Some(table) {
            if let Some(c) = f.cell {
                m.add((c.row, c.col), i);
            }
        }
    }
    m
}

/// The worst severity among some findings.
pub fn worst(a: &Analysis, idx: &[usize]) -> Option<Severity> {
    idx.iter().map(|&i| a.findings[i].severity).max()
}

/// The standard tables this kind of report usually carries, with whether found.
/// Only a guide: provinces differ, so a missing one is reported, not an error.
pub fn standard_tables(a: &Analysis) -> Vec<(&'static str, bool)> {
    let prefix = match a.meta.kind {
        ReportKind::Final => "final.",
        ReportKind::Budget => "budget.",
        _ => return Vec::new(),
    };
    crate::reader::titles::KINDS
        .iter()
        .filter(|(k, _)| k.starts_with(prefix))
        .map(|(k, _)| (*k, a.tables.iter().any(|t| t.kind == *k)))
        .collect()
}

/// A table's name as a reader sees it: its printed number and title; for an
/// untitled table (one found by its header) the kind, else its source lines.
pub fn table_name(t: &Table, lang: crate::ui::i18n::Lang) -> String {
    let title = t.title.trim();
    let title = if !title.is_empty() {
        title.to_string()
    } else if t.kind != "unknown" {
        lang.table_kind(&t.kind)
    } else {
        format!(
            "{} {}–{} {}",
            lang.pick("未命名表格（第", "untitled table (lines"),
            t.lines[0],
            t.lines[1],
            lang.pick("行）", ")")
        )
    };
    match &t.number {
        Some(n) => format!("{n} {title}"),
        None => title,
    }
}

/// One finding's message in the interface language.
pub fn message(f: &Finding, lang: crate::ui::i18n::Lang) -> &str {
    lang.pick(&f.message_zh, &f.message_en)
}

/// Start and end (UTF-16 code units, as the DOM counts) of 1-based line `line`
/// of `text`; the end of the text when there is no such line.
pub fn line_span_utf16(text: &str, line: usize) -> (u32, u32) {
    let mut pos = 0u32;
    for (i, l) in text.split('\n').enumerate() {
        let len = l.encode_utf16().count() as u32;
        if i + 1 == line {
            return (pos, pos + len);
        }
        pos += len + 1;
    }
    let end = text.encode_utf16().count() as u32;
    (end, end)
}

/// The table as CSV that Excel opens with the Chinese intact: UTF-8 with a BOM,
/// CRLF, every field quoted when it needs to be. Values without thousands
/// separators (so spreadsheets read them as numbers). A two-sided table is
/// written as its two halves one after the other, each with its header.
pub fn table_csv(t: &Table) -> String {
    let mut out = String::from("\u{feff}");
    let sides: Vec<(Option<usize>, Option<&str>)> = if t.is_two_sided() {
        t.sides
            .iter()
            .enumerate()
            .map(|(i, s)| (Some(i), Some(s.name.as_str())))
            .collect()
    } else {
        vec![(None, None)]
    };
    for (n, (side, name)) in sides.into_iter().enumerate() {
        if n > 0 {
            out.push_str("\r\n");
        }
        let cols = t.side_columns(side);
        let mut header: Vec<String> = Vec::new();
        if let Some(name) = name {
            header.push(name.to_string());
        }
        header.extend(["科目编码".to_string(), "科目名称".to_string()]);
        header.extend(cols.iter().cloned());
        header.push("源行号".to_string());
        push_record(&mut out, &header);
        for r in t.rows.iter().filter(|r| side.is_none() || r.side == side) {
            let mut rec: Vec<String> = Vec::new();
            if name.is_some() {
                rec.push(String::new());
            }
            rec.push(r.code.clone().unwrap_or_default());
            rec.push(r.label.clone());
            for c in 0..cols.len() {
                rec.push(match r.values.get(c).copied().flatten() {
                    Some(a) if a.percent => format!("{}%", a.value),
                    Some(a) => a.value.to_string(),
                    None => String::new(),
                });
            }
            rec.push(r.line.to_string());
            push_record(&mut out, &rec);
        }
    }
    out
}

/// What `str::parse::<f64>` accepts (`-1.5`, `+2e3`, `.5`, `inf`, `NaN`),
/// without pulling the float parser into the wasm (it is only asked here).
pub fn is_float_literal(s: &str) -> bool {
    let t = s.strip_prefix(['+', '-']).unwrap_or(s);
    if ["inf", "infinity", "nan"]
        .iter()
        .any(|w| t.eq_ignore_ascii_case(w))
    {
        return true;
    }
    let (mant, exp) = match t.find(['e', 'E']) {
        Some(i) => (&t[..i], Some(&t[i + 1..])),
        None => (t, None),
    };
    let (int, frac) = mant.split_once('.').unwrap_or((mant, ""));
    let digits = |x: &str| x.bytes().all(|b| b.is_ascii_digit());
    let mant_ok = digits(int) && digits(frac) && !(int.is_empty() && frac.is_empty());
    let exp_ok = exp.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    mant_ok && exp_ok
}

/// `x` with `decimals` decimals (half away from zero), by integer arithmetic:
/// `format!("{:.1}", x)` would bring the float formatter (~20 KB) into the wasm.
pub fn fixed(x: f64, decimals: u32) -> String {
    let scale = 10i64.pow(decimals);
    let n = (x * scale as f64).round() as i64;
    let sign = if n < 0 { "-" } else { "" };
    let n = n.unsigned_abs();
    let (int, frac) = (n / scale as u64, n % scale as u64);
    if decimals == 0 {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int}.{frac:0w$}", w = decimals as usize)
    }
}

fn push_record(out: &mut String, fields: &[String]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        // A leading zero code (`01`) or a formula-looking label must stay text.
        let needs_quotes = f.contains([',', '"', '\n', '\r'])
            || f.starts_with(['=', '+', '-', '@']) && !is_float_literal(f);
        if needs_quotes {
            out.push('"');
            out.push_str(&f.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(f);
        }
    }
    out.push_str("\r\n");
}

/// A file name for a download: department, year, what it is.
pub fn file_stem(a: &Analysis) -> String {
    let dept = a.meta.department.clone().unwrap_or_else(|| "report".into());
    let year = a.meta.year.map(|y| format!("-{y}")).unwrap_or_default();
    let safe: String = dept
        .chars()
        .filter(|c| !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|'))
        .collect();
    format!("{safe}{year}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_and_float_literals_match_std() {
        for x in [
            0.0,
            0.04,
            0.05,
            1.25,
            12.0,
            999.96,
            1234.5678,
            -3.14159,
            10.0 / 1_048_576.0,
        ] {
            for d in [0, 1, 2] {
                let std = format!("{x:.d$}", d = d as usize);
                let ours = fixed(x, d);
                // std rounds half to even on the binary value; both agree away from exact halves.
                assert!(
                    ours == std || (x * 10f64.powi(d as i32)).fract().abs() == 0.5,
                    "{x} {d}: {ours} vs {std}"
                );
            }
        }
        for s in [
            "1",
            "-1.5",
            "+2e3",
            ".5",
            "5.",
            "1e-3",
            "inf",
            "-Infinity",
            "NaN",
            "007",
        ] {
            assert_eq!(is_float_literal(s), s.parse::<f64>().is_ok(), "{s}");
        }
        for s in [
            "", "-", "+", "=1+1", "-1-2", "1e", "e5", "1.2.3", "@x", "--1", ".",
        ] {
            assert_eq!(is_float_literal(s), s.parse::<f64>().is_ok(), "{s}");
        }
    }

    fn corpus(name: &str) -> String {
        std::fs::read_to_string(format!(
            "{}/tests/fixtures/corpus/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    }

    #[test]
    fn amounts_as_printed_with_separators() {
        use std::str::FromStr;
        let a = Amount::new(Decimal::from_str("8219.20").unwrap());
        assert_eq!(amount(Some(a)), "8,219.20");
        assert_eq!(amount(None), "");
        let p = Amount {
            value: Decimal::from_str("25.50").unwrap(),
            percent: true,
            precision: 0,
        };
        assert_eq!(amount(Some(p)), "25.50%");
    }

    #[test]
    fn csv_has_bom_header_and_one_record_per_row() {
        let a = crate::analyze(&corpus("tianhe-zwsjj-2020-final.txt"));
        let t = a
            .tables
            .iter()
            .find(|t| t.kind == "final.expenditure")
            .expect("expenditure table");
        let csv = table_csv(t);
        assert!(csv.starts_with("\u{feff}科目编码,科目名称,"));
        assert_eq!(csv.matches("\r\n").count(), t.rows.len() + 1);
        // No thousands separators inside values: every record has the same field count.
        let n = t.value_columns.len() + 3;
        for line in csv
            .trim_start_matches('\u{feff}')
            .split("\r\n")
            .filter(|l| !l.is_empty())
        {
            if !line.contains('"') {
                assert_eq!(line.split(',').count(), n, "{line}");
            }
        }
    }

    #[test]
    fn line_spans_count_utf16_units() {
        let t = "一二\nab𝟘c\nx";
        assert_eq!(line_span_utf16(t, 1), (0, 2));
        assert_eq!(line_span_utf16(t, 2), (3, 8)); // 𝟘 is two UTF-16 units
        assert_eq!(line_span_utf16(t, 3), (9, 10));
        assert_eq!(line_span_utf16(t, 9), (10, 10));
    }

    #[test]
    fn csv_quotes_commas_and_formula_starts() {
        let mut s = String::new();
        push_record(
            &mut s,
            &[
                "a,b".into(),
                "say \"x\"".into(),
                "=1+1".into(),
                "-5.00".into(),
            ],
        );
        assert_eq!(s, "\"a,b\",\"say \"\"x\"\"\",\"=1+1\",-5.00\r\n");
    }

    #[test]
    fn standard_tables_of_a_final_report_are_all_found() {
        let a = crate::analyze(&corpus("tianhe-zwsjj-2020-final.txt"));
        let std = standard_tables(&a);
        assert_eq!(std.len(), 10);
        assert!(std.iter().all(|(_, found)| *found), "{std:?}");
    }

    #[test]
    fn groups_by_severity_then_report_wide_then_table_order() {
        let mut a = crate::analyze(&corpus("tianhe-zwsjj-2020-final.txt"));
        a.findings.clear();
        let t2 = a.tables[1].id.clone();
        let t1 = a.tables[0].id.clone();
        a.findings.push(
            Finding::new("x", Severity::Notice, "n".into(), "n".into())
                .at_table(&a.tables[1].clone()),
        );
        a.findings.push(
            Finding::new("y", Severity::Error, "e".into(), "e".into())
                .at_table(&a.tables[0].clone()),
        );
        a.findings
            .push(Finding::new("z", Severity::Warning, "w".into(), "w".into()));
        let g = group_findings(&a, |_| true);
        // t1 holds the error, the report-wide group the warning, t2 a notice.
        assert_eq!(
            g.iter().map(|g| g.table.clone()).collect::<Vec<_>>(),
            vec![Some(t1.clone()), None, Some(t2.clone())]
        );
        let only_errors = group_findings(&a, |s| s == Severity::Error);
        assert_eq!(only_errors.len(), 1);
        assert_eq!(only_errors[0].findings, vec![1]);
        // Equal severities keep report-wide first, then table order.
        a.findings[1].severity = Severity::Notice;
        a.findings[2].severity = Severity::Notice;
        let g = group_findings(&a, |_| true);
        assert_eq!(
            g.iter().map(|g| g.table.clone()).collect::<Vec<_>>(),
            vec![None, Some(t1), Some(t2)]
        );
    }
}

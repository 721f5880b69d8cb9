//! The contract object (`docs/OUTPUT-CONTRACT.md`) and the PDF worker's answers, read
//! back field by field. Each impl mirrors its type's `Serialize` derive: the same
//! names, and `opt` / `or_default` where the derive may leave a field out.

use super::{Fields, FromJson, Json};
use crate::input::source_map::{CellBox, DrawnRule, DrawnRun, LineBox, PageDrawing};
use crate::model::{
    Amount, Analysis, CellRef, Finding, InputProblem, Meta, ReportKind, Row, SangongBlock,
    SangongFigures, Severity, Side, Table, TableState, Unit,
};

/// A unit-variant enum written as its name.
fn named<T: Copy>(j: &Json, names: &[(&str, T)]) -> Option<T> {
    let s = j.as_str()?;
    names.iter().find(|(n, _)| *n == s).map(|(_, v)| *v)
}

impl FromJson for Unit {
    fn from_json(j: &Json) -> Option<Self> {
        named(j, &[("元", Unit::Yuan), ("万元", Unit::WanYuan)])
    }
}

impl FromJson for ReportKind {
    fn from_json(j: &Json) -> Option<Self> {
        named(
            j,
            &[
                ("final", ReportKind::Final),
                ("budget", ReportKind::Budget),
                ("performance", ReportKind::Performance),
                ("unknown", ReportKind::Unknown),
            ],
        )
    }
}

impl FromJson for TableState {
    fn from_json(j: &Json) -> Option<Self> {
        named(
            j,
            &[("data", TableState::Data), ("empty", TableState::Empty)],
        )
    }
}

impl FromJson for Severity {
    fn from_json(j: &Json) -> Option<Self> {
        named(
            j,
            &[
                ("notice", Severity::Notice),
                ("warning", Severity::Warning),
                ("error", Severity::Error),
            ],
        )
    }
}

/// `"12.30"` or `"25.50%"`. The table's precision is a reading of the checks, not
/// part of the contract: it reads back as 0 (and `Amount`'s equality ignores it).
impl FromJson for Amount {
    fn from_json(j: &Json) -> Option<Self> {
        let s = j.as_str()?;
        let (digits, percent) = match s.strip_suffix('%') {
            Some(d) => (d, true),
            None => (s, false),
        };
        Some(Amount {
            value: crate::text::plain_decimal(digits)?,
            percent,
            precision: 0,
        })
    }
}

impl FromJson for Meta {
    fn from_json(j: &Json) -> Option<Self> {
        let f = Fields::of(j)?;
        Some(Meta {
            department: f.opt("department")?,
            year: f.opt("year")?,
            kind: f.req("kind")?,
            unit: f.opt("unit")?,
        })
    }
}

impl FromJson for Side {
    fn from_json(j: &Json) -> Option<Self> {
        let f = Fields::of(j)?;
        Some(Side {
            name: f.req("name")?,
            value_columns: f.req("value_columns")?,
        })
    }
}

impl FromJson for Row {
    fn from_json(j: &Json) -> Option<Self> {
        let f = Fields::of(j)?;
        Some(Row {
            code: f.opt("code")?,
            label: f.req("label")?,
            line: f.req("line")?,
            page: f.opt("page")?,
            values: f.req("values")?,
            side: f.opt("side")?,
            row_number: f.opt("row_number")?,
            ambiguous: f.or_default("ambiguous")?,
            texts: f.or_default("texts")?,
        })
    }
}

impl FromJson for Table {
    fn from_json(j: &Json) -> Option<Self> {
        let f = Fields::of(j)?;
        Some(Table {
            id: f.req("id")?,
            kind: f.req("kind")?,
            title: f.req("title")?,
            number: f.opt("number")?,
            unit: f.opt("unit")?,
            lines: f.req("lines")?,
            columns: f.req("columns")?,
            value_columns: f.req("value_columns")?,
            sides: f.or_default("sides")?,
            rows: f.req("rows")?,
            state: f.req("state")?,
            notes: f.or_default("notes")?,
            pages: f.req("pages")?,
            department: f.opt("department")?,
        })
    }
}

impl FromJson for SangongFigures {
    fn from_json(j: &Json) -> Option<Self> {
        let f = Fields::of(j)?;
        Some(SangongFigures {
            total: f.opt("total")?,
            outbound: f.opt("outbound")?,
            vehicle: f.opt("vehicle")?,
            vehicle_purchase: f.opt("vehicle_purchase")?,
            vehicle_operation: f.opt("vehicle_operation")?,
            reception: f.opt("reception")?,
        })
    }
}

impl FromJson for SangongBlock {
    fn from_json(j: &Json) -> Option<Self> {
        let f = Fields::of(j)?;
        Some(SangongBlock {
            unit: f.req("unit")?,
            table: f.req("table")?,
            budget: f.opt("budget")?,
            actual: f.opt("actual")?,
            admin_operation: f.opt("admin_operation")?,
            empty: f.or_default("empty")?,
        })
    }
}

impl FromJson for CellRef {
    fn from_json(j: &Json) -> Option<Self> {
        let f = Fields::of(j)?;
        Some(CellRef {
            row: f.req("row")?,
            col: f.req("col")?,
        })
    }
}

impl FromJson for Finding {
    fn from_json(j: &Json) -> Option<Self> {
        let f = Fields::of(j)?;
        Some(Finding {
            rule: f.req("rule")?,
            severity: f.req("severity")?,
            table: f.opt("table")?,
            row: f.opt("row")?,
            column: f.opt("column")?,
            line: f.opt("line")?,
            page: f.opt("page")?,
            expected: f.opt("expected")?,
            found: f.opt("found")?,
            difference: f.opt("difference")?,
            tolerance: f.opt("tolerance")?,
            message_zh: f.req("message_zh")?,
            message_en: f.req("message_en")?,
            cell: f.opt("cell")?,
            related: f.or_default("related")?,
        })
    }
}

impl FromJson for InputProblem {
    fn from_json(j: &Json) -> Option<Self> {
        let f = Fields::of(j)?;
        Some(InputProblem {
            kind: f.req("kind")?,
            message_zh: f.req("message_zh")?,
            message_en: f.req("message_en")?,
        })
    }
}

/// Only the schema this build writes: an analysis of another version of the contract
/// is not read as this one.
impl FromJson for Analysis {
    fn from_json(j: &Json) -> Option<Self> {
        let f = Fields::of(j)?;
        let schema = match f.req::<String>("schema")?.as_str() {
            crate::model::SCHEMA => crate::model::SCHEMA,
            _ => return None,
        };
        Some(Analysis {
            schema,
            meta: f.req("meta")?,
            tables: f.req("tables")?,
            sangong: f.opt("sangong")?,
            findings: f.req("findings")?,
            input_problem: f.opt("input_problem")?,
        })
    }
}

impl FromJson for CellBox {
    fn from_json(j: &Json) -> Option<Self> {
        let f = Fields::of(j)?;
        Some(CellBox {
            text: f.req("text")?,
            x0: f.req("x0")?,
            x1: f.req("x1")?,
            top: f.req("top")?,
            bottom: f.req("bottom")?,
        })
    }
}

impl FromJson for LineBox {
    fn from_json(j: &Json) -> Option<Self> {
        let f = Fields::of(j)?;
        Some(LineBox {
            line: f.req("line")?,
            page: f.req("page")?,
            x0: f.req("x0")?,
            top: f.req("top")?,
            x1: f.req("x1")?,
            bottom: f.req("bottom")?,
            cells: f.or_default("cells")?,
        })
    }
}

impl FromJson for DrawnRun {
    fn from_json(j: &Json) -> Option<Self> {
        let f = Fields::of(j)?;
        Some(DrawnRun {
            text: f.req("text")?,
            x0: f.req("x0")?,
            x1: f.req("x1")?,
            y: f.req("y")?,
            size: f.req("size")?,
        })
    }
}

impl FromJson for DrawnRule {
    fn from_json(j: &Json) -> Option<Self> {
        let f = Fields::of(j)?;
        Some(DrawnRule {
            x0: f.req("x0")?,
            y0: f.req("y0")?,
            x1: f.req("x1")?,
            y1: f.req("y1")?,
        })
    }
}

impl FromJson for PageDrawing {
    fn from_json(j: &Json) -> Option<Self> {
        let f = Fields::of(j)?;
        Some(PageDrawing {
            page: f.req("page")?,
            width: f.req("width")?,
            height: f.req("height")?,
            runs: f.req("runs")?,
            rules: f.req("rules")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::from_str;
    use super::*;

    fn read(path: &str) -> Option<String> {
        std::fs::read_to_string(path).ok()
    }

    /// Every text we have: the fixtures, and the real reports where they are present.
    fn texts() -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut dirs = vec![format!(
            "{}/tests/fixtures/corpus",
            env!("CARGO_MANIFEST_DIR")
        )];
        let real = format!("{}/../shared/corpus/real", env!("CARGO_MANIFEST_DIR"));
        if std::path::Path::new(&real).is_dir() {
            dirs.push(real);
        } else {
            println!("skipped: no ../shared/corpus/real");
        }
        for dir in dirs {
            let mut names: Vec<_> = std::fs::read_dir(&dir)
                .unwrap()
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect();
            names.sort();
            for p in names {
                if let Some(t) = read(&p.to_string_lossy()) {
                    out.push((p.display().to_string(), t));
                }
            }
        }
        out
    }

    /// The worker hands back `analyzeJson`; reading it must give the very analysis
    /// the page would have computed itself.
    #[test]
    fn every_analysis_reads_back_as_itself() {
        let texts = texts();
        assert!(texts.len() >= 3);
        for (name, text) in texts {
            let a = crate::analyze(&text);
            let json = serde_json::to_string(&a).unwrap();
            let back: Option<Analysis> = from_str(&json);
            assert_eq!(back.as_ref(), Some(&a), "{name}");
        }
    }

    /// Input problems (empty, binary junk, no table) survive the round trip too.
    #[test]
    fn input_problems_read_back() {
        for text in [
            "",
            "   \n",
            "\u{0}\u{1}\u{2}\u{3}junk\u{fffd}\u{fffd}",
            "hello world",
        ] {
            let a = crate::analyze(text);
            assert!(a.input_problem.is_some(), "{text:?}");
            let back: Option<Analysis> = from_str(&serde_json::to_string(&a).unwrap());
            assert_eq!(back, Some(a));
        }
    }

    #[test]
    fn unknown_schema_is_refused() {
        let json = serde_json::to_string(&crate::analyze(""))
            .unwrap()
            .replace(crate::model::SCHEMA, "budgetlens/9");
        assert_eq!(from_str::<Analysis>(&json), None);
    }

    /// A required field missing, or of the wrong type, fails the whole read (the page
    /// then analyses the text itself) rather than making up a value.
    #[test]
    fn a_damaged_analysis_is_not_read() {
        let a = crate::analyze(
            &read(&format!(
                "{}/tests/fixtures/corpus/tianhe-zwsjj-2020-final.txt",
                env!("CARGO_MANIFEST_DIR")
            ))
            .unwrap(),
        );
        let json = serde_json::to_string(&a).unwrap();
        for (from, to) in [
            ("\"message_zh\":", "\"message_zz\":"),
            ("\"severity\":\"", "\"severity\":\"x"),
            ("\"line\":", "\"line\":-"),
            ("\"unit\":\"万元\"", "\"unit\":\"亿元\""),
        ] {
            assert!(json.contains(from), "{from}");
            assert_eq!(
                from_str::<Analysis>(&json.replacen(from, to, 1)),
                None,
                "{to}"
            );
        }
    }

    /// The PDF worker's boxes and a page's drawing, as the page receives them.
    #[test]
    fn pdf_boxes_and_drawings_read_back() {
        let path = format!(
            "{}/tests/fixtures/pdf/tianhe-2020-final.pdf",
            env!("CARGO_MANIFEST_DIR")
        );
        let bytes = std::fs::read(path).unwrap();
        let (_, boxes) = crate::input::pdf_text_with_boxes(&bytes).unwrap();
        assert!(boxes.iter().any(|b| !b.cells.is_empty()));
        let json = serde_json::to_string(&boxes).unwrap();
        assert_eq!(from_str::<Vec<LineBox>>(&json).as_ref(), Some(&boxes));
        let drawing = crate::input::source_map::page_drawing(&bytes, 3, Default::default())
            .unwrap()
            .unwrap();
        assert!(!drawing.runs.is_empty());
        let json = serde_json::to_string(&drawing).unwrap();
        assert_eq!(from_str::<PageDrawing>(&json).as_ref(), Some(&drawing));
    }
}

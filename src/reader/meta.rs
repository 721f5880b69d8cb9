//! What the report is: department, year, kind (决算 / 预算 / 绩效), unit.

use super::normalize::Line;
use super::table::Furniture;
use crate::model::{Document, ReportKind, Unit};
use crate::text::compact;
use crate::text::Has;

fn most_common<T: PartialEq + Clone>(items: impl Iterator<Item = T>) -> Option<T> {
    let mut counts: Vec<(T, usize)> = Vec::new();
    for it in items {
        match counts.iter_mut().find(|(v, _)| *v == it) {
            Some((_, n)) => *n += 1,
            None => counts.push((it, 1)),
        }
    }
    // Ties go to the first seen.
    let mut best: Option<(T, usize)> = None;
    for (v, n) in counts {
        if best.as_ref().is_none_or(|(_, b)| n > *b) {
            best = Some((v, n));
        }
    }
    best.map(|(v, _)| v)
}

/// `2020 年`, `2024年`, `二〇二〇年` is not handled (reports print digits).
fn years_in(s: &str) -> Vec<i32> {
    if !s.has_char('年') {
        return Vec::new();
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 4 <= chars.len() {
        let w: String = chars[i..i + 4].iter().collect();
        let before_digit = i > 0 && chars[i - 1].is_ascii_digit();
        let after_digit = chars.get(i + 4).is_some_and(|c| c.is_ascii_digit());
        if !before_digit
            && !after_digit
            && (w.starts_with("19") || w.starts_with("20"))
            && w.chars().all(|c| c.is_ascii_digit())
        {
            let mut j = i + 4;
            while j < chars.len() && chars[j] == ' ' {
                j += 1;
            }
            if chars.get(j) == Some(&'年') {
                if let Ok(y) = w.parse::<i32>() {
                    if (1990..=2100).contains(&y) {
                        out.push(y);
                    }
                }
            }
            i += 4;
        } else {
            i += 1;
        }
    }
    out
}

pub fn fill_meta(doc: &mut Document, lines: &[Line], furniture: &[Furniture]) {
    let head: Vec<&Line> = lines.iter().filter(|l| l.is_text()).take(12).collect();
    // Year: the cover's, else the most frequent in the text.
    doc.meta.year = head
        .iter()
        .flat_map(|l| years_in(&l.text))
        .next()
        .or_else(|| most_common(lines.iter().flat_map(|l| years_in(&l.text))));
    // Department: the tables' `部门：` lines agree on it; else the cover.
    doc.cover_department = cover_department(&head);
    doc.meta.department = most_common(furniture.iter().filter_map(|f| f.department.clone()))
        .or_else(|| doc.cover_department.clone());
    // Kind: what the tables are, else the cover's words.
    let finals = doc
        .tables
        .iter()
        .filter(|t| t.kind.starts_with("final."))
        .count();
    let budgets = doc
        .tables
        .iter()
        .filter(|t| t.kind.starts_with("budget."))
        .count();
    let cover: String = head.iter().map(|l| compact(&l.text)).collect();
    doc.meta.kind = if finals > budgets {
        ReportKind::Final
    } else if budgets > finals {
        ReportKind::Budget
    } else if cover.has("绩效") && cover.has("自评") {
        ReportKind::Performance
    } else if cover.has("决算") {
        ReportKind::Final
    } else if cover.has("预算") {
        ReportKind::Budget
    } else if !doc.tables.is_empty()
        && doc.tables.iter().all(|t| t.kind == "unknown")
        && lines.iter().any(|l| l.text.has("绩效"))
    {
        ReportKind::Performance
    } else {
        ReportKind::Unknown
    };
    // Unit: the one most tables print.
    doc.meta.unit = most_common(doc.tables.iter().filter_map(|t| t.unit))
        .or_else(|| most_common(furniture.iter().filter_map(|f| f.unit)));
    // A table that printed no unit line is in the report's unit (the 三公 table
    // of some reports sits under the previous table's unit line).
    let fallback: Option<Unit> = doc.meta.unit;
    for t in &mut doc.tables {
        if t.unit.is_none() && t.kind != "unknown" {
            t.unit = fallback;
        }
    }
}

/// Byte offset of the first `20xx年` in `c`.
fn year_at(c: &str) -> Option<usize> {
    let b = c.as_bytes();
    (0..b.len().saturating_sub(4)).find(|&i| {
        b[i..i + 4].iter().all(|d| d.is_ascii_digit())
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && c[i + 4..].starts_with('年')
    })
}

/// `2020 年 广州市天河区政务服务数据管理局` / `部门决算` → the department.
fn cover_department(head: &[&Line]) -> Option<String> {
    // A long name wraps on the cover (`中共上海市普陀区委` / `社会工作部 2024 年度`): a
    // line without its year is tried joined with the next one first.
    let lines: Vec<String> = head.iter().take(5).map(|l| compact(&l.text)).collect();
    let mut candidates = Vec::new();
    for (i, c) in lines.iter().enumerate().take(4) {
        if let Some(next) = lines.get(i + 1).filter(|_| year_at(c).is_none()) {
            candidates.push(format!("{c}{next}"));
        }
        candidates.push(c.clone());
    }
    candidates.into_iter().find_map(cover_name)
}

/// The department a cover line names, if it names one.
fn cover_name(c: String) -> Option<String> {
    {
        // `预算主管部门：上海市普陀区司法局`: the name, not its label.
        let mut c = if c.has_char('：') || c.contains(':') {
            super::segment::department_in_line(&c)?
        } else {
            c
        };
        // strip a leading year
        let digits: String = c.chars().take_while(|ch| ch.is_ascii_digit()).collect();
        if digits.len() == 4 {
            c = c[digits.len()..]
                .trim_start_matches('年')
                .trim_start_matches("度")
                .to_string();
        }
        // `某某县农业农村局2023年度部门决算公开`: the name ends where its year starts.
        if let Some(p) = year_at(&c) {
            if p > 0 {
                c.truncate(p);
            }
        }
        for suffix in [
            "部门决算公开报告",
            "部门预算公开报告",
            "决算公开报告",
            "预算公开报告",
            "部门决算",
            "部门预算",
            "决算",
            "预算",
        ] {
            if let Some(s) = c.strip_suffix(suffix) {
                c = s.to_string();
                break;
            }
        }
        let ok = c.chars().count() >= 4
            && c.chars().count() <= 40
            && (c.ends_with('局')
                || c.ends_with('委')
                || c.ends_with('办')
                || c.ends_with("办公室")
                || c.ends_with('厅')
                || c.ends_with('院')
                || c.ends_with('部')
                || c.ends_with("委员会")
                || c.ends_with('会')
                || c.ends_with("中心")
                || c.ends_with('署')
                || c.ends_with('处')
                || c.ends_with("政府"));
        ok.then_some(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reader::normalize::LineKind;
    fn cover(lines: &[&str]) -> Option<String> {
        let lines: Vec<Line> = lines
            .iter()
            .enumerate()
            .map(|(i, t)| Line {
                no: i + 1,
                text: t.to_string(),
                kind: LineKind::Text,
            })
            .collect();
        cover_department(&lines.iter().collect::<Vec<_>>())
    }

    #[test]
    fn a_cover_name_wrapped_before_its_year() {
        assert_eq!(
            cover(&["中共上海市普陀区委", "社会工作部 2024 年度", "部门决算"]).as_deref(),
            Some("中共上海市普陀区委社会工作部")
        );
        assert_eq!(
            cover(&["广州市天河区政务服务数据管理局", "2020年度部门决算"]).as_deref(),
            Some("广州市天河区政务服务数据管理局")
        );
    }

    #[test]
    fn years() {
        assert_eq!(years_in("2020 年 广州市"), vec![2020]);
        assert_eq!(years_in("截至2024年1月6日"), vec![2024]);
        assert_eq!(years_in("12345 年"), Vec::<i32>::new());
    }
}

//! `subject_names` — the 类/款/项 names the narrative writes are the tables'.
//!
//! What: the narrative names functional subjects as `公共安全支出（204类）司法（06款）
//! 行政运行（01项）` or `一般公共服务支出（类）财政事务（款）行政运行（项）`. Where it
//! prints the codes, the name of each code is looked up among the rows of the
//! tables: a different name (`医疗卫生与计划生育支出（210类）` where the table's 210 is
//! `卫生健康支出`) is a `warning` naming both. Where it prints no codes, a 类 name
//! that no table row has, while a row has a near name (`文化体育与传媒支出` against
//! `文化旅游体育与传媒支出`: most characters shared), is a `warning` too; a name
//! with no near row is left alone (its table may not have been read).
//!
//! Why: the subject names are revised every few years (2018: 医疗卫生与计划生育
//! → 卫生健康, 文化体育与传媒 → 文化旅游体育与传媒); a narrative copied from an
//! old report keeps the old names while the tables, exported from the system,
//! have the new.
//!
//! Example: table row `210 卫生健康支出`, narrative `医疗卫生与计划生育支出（210类）`
//! → `warning`; `卫生健康支出（210类）` → nothing.

use super::util::Issue;
use crate::model::{Document, Finding, Severity};
use crate::text::compact;

pub const RULE: &str = "subject_names";

#[derive(Debug, PartialEq)]
struct Named {
    name: String,
    code: Option<String>,
    level: usize, // 0 类, 1 款, 2 项
    at: usize,
}

/// `name（[digits]类|款|项）` pieces of the text, in order.
fn pieces(text: &str) -> Vec<Named> {
    let mut out = Vec::new();
    for (open, close) in [('（', '）'), ('(', ')')] {
        let mut from = 0;
        while let Some(p) = text[from..].find(open) {
            let st = from + p;
            let inner_st = st + open.len_utf8();
            let Some(q) = text[inner_st..].find(close) else {
                break;
            };
            let inner = &text[inner_st..inner_st + q];
            from = inner_st + q + close.len_utf8();
            let level = match inner.chars().last() {
                Some('类') => 0,
                Some('款') => 1,
                Some('项') => 2,
                _ => continue,
            };
            let digits = &inner[..inner.len() - '类'.len_utf8()];
            if !digits.chars().all(|c| c.is_ascii_digit()) || digits.len() > 3 {
                continue;
            }
            // The name: back to the previous bracket or clause mark.
            let head = &text[..st];
            let name_st = head
                .rfind(|c: char| {
                    "（）()，,。；;：:、“”\"0123456789.．".contains(c) || c.is_whitespace()
                })
                .map(|i| i + head[i..].chars().next().unwrap().len_utf8())
                .unwrap_or(0);
            let name = compact(&head[name_st..]);
            if name.is_empty() || name.chars().count() > 30 {
                continue;
            }
            out.push(Named {
                name,
                code: (!digits.is_empty()).then(|| digits.to_string()),
                level,
                at: st,
            });
        }
    }
    crate::stable_sort::by_key(&mut out, |n| n.at);
    out
}

fn norm(s: &str) -> String {
    compact(s)
        .chars()
        .filter(|c| !matches!(c, '“' | '”' | '"' | '（' | '）' | '(' | ')'))
        .collect()
}

/// Share of `a`'s characters found in `b` (as a multiset), over the longer length.
fn near(a: &str, b: &str) -> bool {
    let mut pool: Vec<char> = b.chars().collect();
    let mut common = 0;
    for c in a.chars() {
        if let Some(p) = pool.iter().position(|x| *x == c) {
            pool.remove(p);
            common += 1;
        }
    }
    let n = a.chars().count().max(b.chars().count());
    n > 0 && common * 10 >= n * 7 && a != b
}

pub fn check(doc: &Document) -> Vec<Issue> {
    let mut out = Vec::new();
    // Functional codes and their names, from every table that prints 7-digit codes.
    // (code, name), sorted by code, the first table's name for a code that repeats.
    let mut names: Vec<(String, String)> = Vec::new();
    for t in &doc.tables {
        if !t
            .rows
            .iter()
            .any(|r| r.code.as_ref().is_some_and(|c| c.len() == 7))
        {
            continue;
        }
        for r in &t.rows {
            if let Some(c) = &r.code {
                if matches!(c.len(), 3 | 5 | 7) {
                    names.push((c.clone(), norm(&r.label)));
                }
            }
        }
    }
    if names.is_empty() {
        return out;
    }
    crate::stable_sort::by(&mut names, |a, b| a.0.cmp(&b.0));
    names.dedup_by(|later, first| later.0 == first.0);
    let name_of = |code: &str| {
        names
            .binary_search_by(|(c, _)| c.as_str().cmp(code))
            .ok()
            .map(|i| &names[i].1)
    };
    let n = doc.narrative_text();
    let ps = pieces(&n.text);
    let mut reported: Vec<(String, String)> = Vec::new();
    let mut i = 0;
    while i < ps.len() {
        // A 类 and the 款/项 that follow it.
        let mut chain: Vec<&Named> = vec![&ps[i]];
        let mut j = i + 1;
        while j < ps.len()
            && ps[j].level == chain.last().unwrap().level + 1
            && ps[j].at - chain.last().unwrap().at < 120
        {
            chain.push(&ps[j]);
            j += 1;
        }
        i = j;
        if chain[0].level != 0 {
            continue;
        }
        let coded = chain.iter().all(|p| p.code.is_some());
        let mut code = String::new();
        for p in &chain {
            let name = norm(&p.name);
            let (zh, en, found) = if coded {
                let d = p.code.as_deref().unwrap_or("");
                code = match p.level {
                    0 => d.to_string(),
                    _ => format!("{code}{:0>2}", d),
                };
                match name_of(&code) {
                    Some(tn)
                        if *tn != name
                            && !tn.is_empty()
                            && !(tn.contains(&name) || name.contains(tn.as_str())) =>
                    {
                        (
                            format!(
                                "说明中“{}”（{}）与表中该科目名称“{}”不一致",
                                p.name, code, tn
                            ),
                            format!(
                                "the narrative names subject {} “{}”, the tables “{}”",
                                code, p.name, tn
                            ),
                            true,
                        )
                    }
                    _ => (String::new(), String::new(), false),
                }
            } else {
                if p.level != 0 {
                    continue;
                }
                // (In code order: `names` is sorted.)
                let classes: Vec<&String> = names
                    .iter()
                    .filter(|(c, _)| c.len() == 3)
                    .map(|(_, v)| v)
                    .collect();
                // `一般公共服务（类）` for 一般公共服务支出: shortened, not renamed.
                if classes
                    .iter()
                    .any(|v| v.contains(&name) || name.contains(v.as_str()))
                {
                    (String::new(), String::new(), false)
                } else if let Some(v) = classes.iter().find(|v| near(&name, v)) {
                    (
                        format!("说明中的类级科目“{}”在表中没有，表中的近似科目为“{}”（科目名称可能已调整）", p.name, v),
                        format!("the narrative's class “{}” is in no table; the tables have “{}” (a renamed subject?)", p.name, v),
                        true,
                    )
                } else {
                    (String::new(), String::new(), false)
                }
            };
            if found && !reported.iter().any(|(n, c)| *n == name && *c == code) {
                reported.push((name.clone(), code.clone()));
                let mut f = Finding::new(RULE, Severity::Warning, zh, en).at_line(n.line_at(p.at));
                f.row = (!code.is_empty()).then(|| code.clone());
                out.push(Issue::plain(f));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &str = "一般公共预算支出功能分类预算表\n单位：万元\n科目编码\t科目名称\t合计\n\t合计\t300.00\n210\t卫生健康支出\t200.00\n21011\t行政事业单位医疗\t200.00\n2101101\t行政单位医疗\t200.00\n207\t文化旅游体育与传媒支出\t100.00\n20701\t文化和旅游\t100.00\n2070101\t行政运行\t100.00\n";

    fn doc(narr: &str) -> Document {
        crate::reader::read(&format!("情况说明\n{narr}\n\n{TABLE}"))
    }

    #[test]
    fn the_tables_names_pass() {
        let d = doc("卫生健康支出（210类）行政事业单位医疗（11款）行政单位医疗（01项）200万元。文化旅游体育与传媒支出（类）文化和旅游（款）行政运行（项）100万元。");
        assert!(!d.tables.is_empty());
        assert!(check(&d).is_empty(), "{:#?}", check(&d));
    }

    #[test]
    fn old_names_are_warnings() {
        let d = doc("医疗卫生与计划生育支出（210类）行政事业单位医疗（11款）行政单位医疗（01项）200万元。文化体育与传媒支出（类）文化和旅游（款）行政运行（项）100万元。");
        let f: Vec<_> = check(&d).into_iter().map(|i| i.finding).collect();
        assert_eq!(f.len(), 2, "{f:#?}");
        assert!(f.iter().all(|f| f.severity == Severity::Warning));
        assert!(f[0].message_zh.contains("卫生健康支出"));
        assert!(f[1].message_zh.contains("文化旅游体育与传媒支出"));
    }
}

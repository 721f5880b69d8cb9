//! `template_residue` — words of the template left in the published text.
//!
//! What: the narrative still holds the template's either-or wording
//! (`增加（减少）`, `增长（下降）`, `减增加`), a placeholder (`XX 万元`, `××`,
//! `X月`), a reason announced and not given (`主要原因是。`, `原因是：；`), or an
//! instruction to the person filling it in (`（此处填写…）`, `（请根据…说明）`). Each
//! is a `warning` that quotes the words and names the line: it is no figure
//! contradiction, but a reviewer sends the report back for it.
//!
//! Why: these reports are written by filling in last year's file or the
//! finance bureau's template; residue is the commonest reason a published
//! report is returned.
//!
//! Example: `公务用车购置及运行费6.40万元，与2023年预算持平，主要原因是。其中：…` →
//! `warning` “主要原因是” with no reason; `主要原因是无此项支出。` → nothing.

use super::util::Issue;
use crate::model::{Document, Finding, Severity};
use crate::text::Has;

pub const RULE: &str = "template_residue";

/// Either-or wording of the template (a filled-in report picks one).
const EITHER_OR: &[&str] = &[
    "增加（减少）",
    "增加(减少)",
    "增长（下降）",
    "增长(下降)",
    "增加/减少",
    "增长/下降",
    "增（减）",
    "增(减)",
    "减增加",
    "增减少",
    "增加减少",
    "大于（小于）",
    "大于(小于)",
    "大于/小于",
];

/// Words that open an instruction to the author inside brackets.
const INSTRUCTION: &[&str] = &[
    "此处填写",
    "此处填",
    "填写说明",
    "请填写",
    "请根据",
    "请按照",
    "请说明",
    "请对",
    "请结合",
    "请简要",
    "请列示",
    "如无此项",
    "根据实际情况填写",
    "可根据",
    "由部门填写",
];

fn finding(line: usize, what_zh: &str, what_en: &str, quote: &str) -> Issue {
    Issue::plain(
        Finding::new(
            RULE,
            Severity::Warning,
            format!("说明中“{quote}”：{what_zh}"),
            format!("the narrative says “{quote}”: {what_en}"),
        )
        .at_line(line),
    )
}

/// `XX`, `××`, `xx` standing for a figure or a name: not inside a Latin word.
fn placeholder(t: &str) -> Option<String> {
    // Asked of every narrative line; a placeholder holds a letter X or a ×, which
    // few lines do (a run of `*` alone is never one, see below).
    if !crate::text::has_any(t, &['X', 'x', '×', 'Ｘ', 'ｘ']) {
        return None;
    }
    let chars: Vec<char> = t.chars().collect();
    let is_x = |c: char| matches!(c, 'X' | 'x' | '×' | 'Ｘ' | 'ｘ' | '*' | '＊');
    let mut i = 0;
    while i < chars.len() {
        if !is_x(chars[i]) {
            i += 1;
            continue;
        }
        let st = i;
        while i < chars.len() && is_x(chars[i]) {
            i += 1;
        }
        let run = &chars[st..i];
        if run.len() < 2 {
            continue;
        }
        let before = st.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i).copied();
        let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        if latin(before) || latin(after) {
            continue;
        }
        // `**` on its own is PDF furniture (a masked code, bold marks), not a
        // placeholder: only letters and × count, and only before a unit or a
        // word that a figure or a name fills.
        if run.iter().any(|c| matches!(c, '*' | '＊')) {
            continue;
        }
        let rest: String = chars[i..].iter().take(3).collect();
        let head: String = chars[st.saturating_sub(2)..st].iter().collect();
        let fills = [
            "万元", "元", "%", "％", "年", "月", "日", "个", "项", "人", "辆", "次", "部门",
            "单位", "局", "名", "万",
        ];
        if fills.iter().any(|w| rest.starts_with(w)) || head.ends_with('年') || head.ends_with('为')
        {
            let q: String = chars[st.saturating_sub(6)..(i + 4).min(chars.len())]
                .iter()
                .collect();
            return Some(q);
        }
    }
    None
}

pub fn check(doc: &Document) -> Vec<Issue> {
    let mut out = Vec::new();
    for l in &doc.narrative {
        let t = crate::text::compact(&l.text);
        if t.is_empty() {
            continue;
        }
        // (Each either-or phrase names both ways: 增 with 减 or 降, or 大 with 小.)
        let may_hold_either_or = (t.has_char('增') && crate::text::has_any(&t, &['减', '降']))
            || (t.has_char('大') && t.has_char('小'));
        for w in EITHER_OR.iter().filter(|_| may_hold_either_or) {
            if t.has(w) {
                out.push(finding(
                    l.line,
                    "模板中的二选一用语未按实际改写",
                    "the template's either-or wording was left in",
                    w,
                ));
            }
        }
        // A reason announced and not given: `原因是。`, `原因是；`, `原因为：，`.
        for lead in ["原因是", "原因为", "原因："]
            .into_iter()
            .filter(|_| t.has("原因"))
        {
            let mut from = 0;
            while let Some(p) = crate::text::find_word(&t[from..], lead) {
                let at = from + p + lead.len();
                let rest = t[at..].trim_start_matches(['：', ':']);
                if rest.starts_with(['。', '；', ';', '，', ',']) {
                    out.push(finding(
                        l.line,
                        "写了“原因是”却没有写原因",
                        "a reason is announced but none is given",
                        &format!(
                            "{lead}{}",
                            rest.chars().next().map(String::from).unwrap_or_default()
                        ),
                    ));
                }
                from = at;
            }
        }
        if let Some(q) = placeholder(&t) {
            out.push(finding(
                l.line,
                "占位符未替换为实际内容",
                "a placeholder was not replaced",
                &q,
            ));
        }
        for (open, close) in [('（', '）'), ('(', ')'), ('【', '】'), ('[', ']')] {
            let mut rest = t.as_str();
            while let Some(p) = rest.find(open) {
                let inner_start = p + open.len_utf8();
                let Some(q) = rest[inner_start..].find(close) else {
                    break;
                };
                let inner = &rest[inner_start..inner_start + q];
                // An instruction opens the brackets or follows a `，` inside them.
                let opens = |s: &str| INSTRUCTION.iter().any(|w| s.starts_with(w));
                if inner.chars().count() <= 80
                    && (opens(inner)
                        || inner
                            .match_indices('，')
                            .any(|(i, _)| opens(&inner[i + '，'.len_utf8()..])))
                {
                    out.push(finding(
                        l.line,
                        "填报说明（给编制人的提示）留在了正文里",
                        "an instruction to the author was left in the text",
                        &format!("{open}{inner}{close}"),
                    ));
                }
                rest = &rest[inner_start + q..];
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NarrativeLine;

    fn doc(lines: &[&str]) -> Document {
        Document {
            narrative: lines
                .iter()
                .enumerate()
                .map(|(i, t)| NarrativeLine {
                    line: i + 1,
                    text: t.to_string(),
                })
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn a_filled_in_report_passes() {
        let d = doc(&[
            "（二）公务用车购置及运行费6.40万元，与2023年预算持平，主要原因是根据实际公务用车运行情况。",
            "公务接待费0.00万元，主要原因是无此项支出；其他支出较上年增加1.2万元。",
            "采购XXX型号设备（见附件）。使用OA系统、XX-2020标准。",
            "** 1 2 3 4 5",
        ]);
        assert!(check(&d).is_empty(), "{:#?}", check(&d));
    }

    #[test]
    fn residue_is_named_with_its_line() {
        let d = doc(&[
            "（二）公务用车购置及运行费6.40万元，与2023年预算持平，主要原因是。其中：",
            "一般公共预算支出比上年增加（减少）12.3万元。",
            "机关运行经费XX万元，比上年减增加。",
            "（此处填写绩效目标管理工作情况）",
        ]);
        let f: Vec<_> = check(&d).into_iter().map(|i| i.finding).collect();
        let lines: Vec<_> = f.iter().map(|f| f.line.unwrap()).collect();
        assert_eq!(lines, vec![1, 2, 3, 3, 4], "{f:#?}");
        assert!(f.iter().all(|f| f.severity == Severity::Warning));
    }
}

//! The interface language: zh-CN by default, English on the switch.
//!
//! Report content (labels, titles, column names) is never translated: it is the
//! report's own text. Only the interface around it speaks the chosen language.

use crate::model::{ReportKind, Severity};

/// Which language the interface speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// Pick the Chinese or the English text.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
    /// BCP 47 tag for the `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }
    /// From a host's attribute: `en`, `en-US` → English; anything else → Chinese.
    pub fn parse(s: &str) -> Lang {
        if s.trim().to_ascii_lowercase().starts_with("en") {
            Lang::En
        } else {
            Lang::Zh
        }
    }
    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }
    pub fn severity(self, s: Severity) -> &'static str {
        match s {
            Severity::Error => self.pick("错误", "Error"),
            Severity::Warning => self.pick("警告", "Warning"),
            Severity::Notice => self.pick("提示", "Notice"),
        }
    }
    pub fn report_kind(self, k: ReportKind) -> &'static str {
        match k {
            ReportKind::Final => self.pick("部门决算", "final accounts"),
            ReportKind::Budget => self.pick("部门预算", "budget"),
            ReportKind::Performance => self.pick("绩效自评", "performance self-evaluation"),
            ReportKind::Unknown => self.pick("未识别", "not stated"),
        }
    }
    /// A standard table's name: the canonical Chinese title, or an English gloss.
    pub fn table_kind(self, kind: &str) -> String {
        match self {
            Lang::Zh => {
                let t = crate::reader::titles::canonical_title(kind);
                if t.is_empty() {
                    "未识别的表".to_string()
                } else {
                    t.to_string()
                }
            }
            Lang::En => table_kind_en(kind).to_string(),
        }
    }
}

fn table_kind_en(kind: &str) -> &'static str {
    match kind {
        "final.income_expenditure_summary" => "income and expenditure summary",
        "final.income" => "income",
        "final.expenditure" => "expenditure",
        "final.fiscal_summary" => "fiscal appropriation summary",
        "final.general_budget_expenditure" => "general budget expenditure",
        "final.general_budget_basic_expenditure" => "general budget basic expenditure",
        "final.sangong" => "三公 expenses (final)",
        "final.gov_fund" => "government fund",
        "final.state_capital" => "state capital operations",
        "final.non_tax_revenue" => "non-tax revenue",
        "budget.summary" => "budget summary",
        "budget.income" => "budget income",
        "budget.expenditure" => "budget expenditure",
        "budget.fiscal_summary" => "fiscal appropriation summary",
        "budget.general_budget_by_function" => "general budget by function",
        "budget.general_budget_basic_by_economic" => "general budget basic, by economic class",
        "budget.general_budget_project_by_economic" => "general budget projects, by economic class",
        "budget.sangong" => "administrative and 三公 expenses (budget)",
        "budget.gov_fund" => "government fund",
        "budget.state_capital" => "state capital operations",
        "budget.basic_by_unit" => "basic expenditure by unit",
        "budget.project_by_unit" => "project expenditure by unit",
        _ => "unrecognised table",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn parse_and_names() {
        assert_eq!(Lang::parse("en-US"), Lang::En);
        assert_eq!(Lang::parse("zh-CN"), Lang::Zh);
        assert_eq!(Lang::parse(""), Lang::Zh);
        assert_eq!(Lang::Zh.table_kind("final.expenditure"), "支出决算表");
        assert_eq!(
            Lang::En.table_kind("budget.sangong"),
            "administrative and 三公 expenses (budget)"
        );
        // Every standard kind has an English gloss.
        for (k, _) in crate::reader::titles::KINDS {
            assert_ne!(table_kind_en(k), "unrecognised table", "{k}");
        }
    }
}

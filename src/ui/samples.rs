//! The sample reports bundled with the page (the three corpus reports), so a
//! visitor can see what the page does without a report of their own.

pub struct Sample {
    pub zh: &'static str,
    pub en: &'static str,
    pub file: &'static str,
    pub text: &'static str,
}

pub const SAMPLES: &[Sample] = &[
    Sample {
        zh: "2020 年部门决算（天河区政务服务数据管理局）",
        en: "2020 final accounts (Tianhe data management bureau)",
        file: "tianhe-zwsjj-2020-final.txt",
        text: include_str!("../../tests/fixtures/corpus/tianhe-zwsjj-2020-final.txt"),
    },
    Sample {
        zh: "2017 年部门决算（天河区政务管理办公室，PDF 复制文本）",
        en: "2017 final accounts (Tianhe government affairs office, PDF text)",
        file: "tianhe-zwb-2017-final.txt",
        text: include_str!("../../tests/fixtures/corpus/tianhe-zwb-2017-final.txt"),
    },
    Sample {
        zh: "2024 年部门预算（天河区政务服务数据管理局）",
        en: "2024 budget (Tianhe data management bureau)",
        file: "tianhe-zwsjj-2024-budget.txt",
        text: include_str!("../../tests/fixtures/corpus/tianhe-zwsjj-2024-budget.txt"),
    },
];

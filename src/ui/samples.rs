//! The sample reports shipped with the page (the three corpus reports, copied to
//! `dist/samples/` by `scripts/build`), so a visitor can see what the page does
//! without a report of their own. Fetched from the page's own origin on demand
//! rather than compiled into the wasm: 160 KB of text nobody needs to download
//! before their first paste.

pub struct Sample {
    pub zh: &'static str,
    pub en: &'static str,
    /// File name under `samples/`, relative to the page.
    pub file: &'static str,
}

/// Fetch a sample's text from `samples/<file>` (same origin, works offline once served).
pub async fn fetch(file: &str) -> Result<String, String> {
    use wasm_bindgen::JsCast;
    let window = web_sys::window().ok_or("no window")?;
    let resp =
        wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(&format!("samples/{file}")))
            .await
            .map_err(|e| format!("{e:?}"))?;
    let resp: web_sys::Response = resp.dyn_into().map_err(|_| "not a response".to_string())?;
    if !resp.ok() {
        return Err(format!("HTTP {}", resp.status()));
    }
    let text = wasm_bindgen_futures::JsFuture::from(resp.text().map_err(|e| format!("{e:?}"))?)
        .await
        .map_err(|e| format!("{e:?}"))?;
    text.as_string().ok_or_else(|| "not text".to_string())
}

pub const SAMPLES: &[Sample] = &[
    Sample {
        zh: "2020 年部门决算（天河区政务服务数据管理局）",
        en: "2020 final accounts (Tianhe data management bureau)",
        file: "tianhe-zwsjj-2020-final.txt",
    },
    Sample {
        zh: "2017 年部门决算（天河区政务管理办公室，PDF 复制文本）",
        en: "2017 final accounts (Tianhe government affairs office, PDF text)",
        file: "tianhe-zwb-2017-final.txt",
    },
    Sample {
        zh: "2024 年部门预算（天河区政务服务数据管理局）",
        en: "2024 budget (Tianhe data management bureau)",
        file: "tianhe-zwsjj-2024-budget.txt",
    },
];

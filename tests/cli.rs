//! The command line over many files: `check FILE...` (summary table, JSON
//! Lines, exit status) and `compare FILE...`.

use std::process::Command;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/corpus");

fn corpus() -> Vec<String> {
    [
        "tianhe-zwsjj-2024-budget.txt",
        "tianhe-zwb-2017-final.txt",
        "tianhe-zwsjj-2020-final.txt",
    ]
    .iter()
    .map(|f| format!("{CORPUS}/{f}"))
    .collect()
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_budgetlens"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn tmp(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("budgetlens-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_string_lossy().into_owned()
}

#[test]
fn check_many_prints_a_sorted_summary() {
    let files = corpus();
    let mut args = vec!["check"];
    args.extend(files.iter().map(String::as_str));
    let (code, out, _) = run(&args);
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].contains("department") && lines[0].contains("三公 budget"),
        "{out}"
    );
    // sorted by department then year: 政务管理办公室 2017, then 政务服务数据管理局 2020, 2024
    let order: Vec<&str> = lines[1..4]
        .iter()
        .map(|l| {
            if l.contains("2017") {
                "2017"
            } else if l.contains("2020") {
                "2020"
            } else {
                "2024"
            }
        })
        .collect();
    assert_eq!(order, vec!["2017", "2020", "2024"], "{out}");
    assert!(
        lines[2].contains("final") && lines[2].contains("4.00") && lines[2].contains("1.02"),
        "{out}"
    );
    assert!(
        lines[3].contains("budget") && lines[3].contains("5.40"),
        "{out}"
    );
    assert!(out.contains("3 files"), "{out}");
    assert!(code == 0 || code == 1, "exit {code}");
}

#[test]
fn check_many_json_lines_one_object_per_file_in_input_order() {
    let files = corpus();
    let mut args = vec!["check", "--json"];
    args.extend(files.iter().map(String::as_str));
    let (_, out, _) = run(&args);
    let objs: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(objs.len(), 3);
    for (o, f) in objs.iter().zip(&files) {
        assert_eq!(o["schema"], "budgetlens/1");
        assert_eq!(o["file"].as_str(), Some(f.as_str()));
    }
    assert_eq!(objs[0]["meta"]["year"], 2024);
    assert_eq!(objs[1]["meta"]["year"], 2017);
}

#[test]
fn one_file_json_is_the_contract_object_without_extras() {
    let f = &corpus()[2];
    let (code, out, _) = run(&["check", "--json", f]);
    let o: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert!(
        o.get("file").is_none(),
        "one file: exactly the contract object"
    );
    assert_eq!(o["sangong"]["actual"]["total"], "1.02");
    assert!(code == 0 || code == 1);
}

#[test]
fn exit_two_when_any_file_is_unreadable_or_not_a_report() {
    let junk = tmp("junk.txt", "hello, this is not a report");
    let f = &corpus()[0];
    let (code, out, err) = run(&["check", f, "/nonexistent/file.txt", &junk]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("/nonexistent/file.txt"), "{err}");
    assert!(out.contains("not a report"), "{out}");
    let (code, _, _) = run(&["check", "/nonexistent/file.txt"]);
    assert_eq!(code, 2);
}

#[test]
fn compare_prints_series_and_json() {
    let files = corpus();
    let mut args = vec!["compare"];
    args.extend(files.iter().map(String::as_str));
    let (code, out, _) = run(&args);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("years 2017, 2020, 2024"), "{out}");
    assert!(out.contains("广州市天河区政务服务数据管理局"), "{out}");
    args.insert(1, "--json");
    let (_, out, _) = run(&args);
    let o: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(o["schema"], "budgetlens-compare/1");
    assert_eq!(o["years"], serde_json::json!([2017, 2020, 2024]));
}

fn small_final(year: i32, actual_total: &str, narrative: &str) -> String {
    format!(
        "{year} 年 测试市示例局\n部门决算\n\n一般公共预算财政拨款“三公”经费支出决算表\n\n部门：测试市示例局\n\n单位：万元\n\n\
预算数\t\t\t\t\t\t决算数\t\t\t\t\t\n\
合计\t因公出国（境）费\t公务用车购置及运行费\t\t\t公务接待费\t合计\t因公出国（境）费\t公务用车购置及运行费\t\t\t公务接待费\n\
\t\t小计\t公务用车购置费\t公务用车运行费\t\t\t\t小计\t公务用车购置费\t公务用车运行费\t\n\
6.00\t0.00\t4.00\t0.00\t4.00\t2.00\t{actual_total}\t0.00\t{actual_total}\t0.00\t{actual_total}\t0.00\n\n\
第三部分 情况说明\n\n{narrative}\n"
    )
}

#[test]
fn compare_exits_one_on_a_contradicted_yoy_claim() {
    let a = tmp("ex-2020.txt", &small_final(2020, "5.00", "无。"));
    let b = tmp(
        "ex-2021.txt",
        &small_final(
            2021,
            "4.00",
            "2021 年度“三公”经费财政拨款支出决算为 4 万元，比上年增加 1 万元。",
        ),
    );
    let (code, out, _) = run(&["compare", &a, &b]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("yoy_claim_vs_prior_report") && out.contains("ex-2020.txt"),
        "{out}"
    );
}

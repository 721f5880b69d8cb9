// The host page's own script: listens to the widgets' events, as a host would.
for (const id of ['zh', 'en']) {
  const lens = document.getElementById(`lens-${id}`);
  const status = document.getElementById(`status-${id}`);
  lens.addEventListener('budgetlens-analyzed', (event) => {
    const r = event.detail;
    const errors = r.findings.filter((f) => f.severity === 'error').length;
    status.textContent = r.input_problem
      ? (id === 'zh' ? r.input_problem.message_zh : r.input_problem.message_en)
      : id === 'zh'
        ? `已核验：${r.tables.length} 张表，${errors} 处错误`
        : `Checked: ${r.tables.length} tables, ${errors} errors`;
  });
}

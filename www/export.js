// The 问题清单 (list of findings) as .xlsx and .docx, written in the browser.
//
// Loaded only when a reader clicks an export button (budget-lens.js imports it
// on the first `budgetlens-export` event), together with the one library it
// needs: fflate (vendor/fflate.js, copied from npm by scripts/build), which zips
// the Office Open XML parts written here. No eval, no worker, no network: it
// runs under the strict CSP of EMBEDDING.md, and the text never leaves the page.
//
// Why fflate and hand-written OOXML rather than `docx` / `exceljs` / SheetJS:
// the list is one table; fflate (MIT, ~100 M downloads a month) is 22 KB gzipped,
// plain synchronous functions (zipSync needs no worker, no eval), while those
// libraries weigh 300 KB – 1 MB and bundle their own zip code. The parts below
// are the minimal ones the OOXML packaging rules require (the e2e test unzips
// both files and reads the XML back).
//
//   exportFindings(list) → triggers a download; list is src/ui/export.rs's IssueList:
//   { format: 'docx'|'xlsx', filename, title, subtitle, headers[], keys[], rows[{…}], note }
import { zipSync, strToU8 } from './vendor/fflate.js';

/** XML text: escaped, and without the control characters XML 1.0 forbids. */
export function xml(value) {
  return String(value ?? '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const NUMERIC = new Set(['printed', 'expected', 'difference', 'page', 'line']);
// Amounts keep at least two decimals in Excel (36.00, not 36), up to four as printed.
const MONEY = new Set(['printed', 'expected', 'difference']);
const isNumber = (v) => typeof v === 'number' || (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v));

// ---------------------------------------------------------------------------
// .xlsx: one sheet, a title row, the headings (bold, frozen, filterable), one row a finding.

function colName(i) {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const XLSX_WIDTHS = { no: 6, severity: 9, table: 28, row: 26, column: 22, page: 6, line: 9, printed: 12, expected: 12, difference: 10, message: 70, rule: 18 };

export function xlsxParts(list) {
  const { keys, headers, rows } = list;
  const cell = (ref, v, style, numeric) => {
    if (v === null || v === undefined || v === '') return '';
    if (numeric && isNumber(v)) return `<c r="${ref}"${style ? ` s="${style}"` : ''}><v>${v}</v></c>`;
    return `<c r="${ref}" t="inlineStr"${style ? ` s="${style}"` : ''}><is><t xml:space="preserve">${xml(v)}</t></is></c>`;
  };
  const last = colName(keys.length - 1);
  const sheetRows = [];
  sheetRows.push(`<row r="1">${cell('A1', list.title, 2)}</row>`);
  sheetRows.push(`<row r="2">${cell('A2', list.subtitle, 0)}</row>`);
  sheetRows.push(`<row r="3">${headers.map((h, i) => cell(`${colName(i)}3`, h, 1)).join('')}</row>`);
  rows.forEach((r, n) => {
    const rn = n + 4;
    const style = (k) => (k === 'message' ? 3 : MONEY.has(k) ? 4 : 0);
    sheetRows.push(`<row r="${rn}">${keys.map((k, i) => cell(`${colName(i)}${rn}`, r[k], style(k), NUMERIC.has(k))).join('')}</row>`);
  });
  const noteRow = rows.length + 5;
  sheetRows.push(`<row r="${noteRow}">${cell(`A${noteRow}`, list.note, 0)}</row>`);
  const cols = keys.map((k, i) => `<col min="${i + 1}" max="${i + 1}" width="${XLSX_WIDTHS[k] || 14}" customWidth="1"/>`).join('');
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheetViews><sheetView workbookViewId="0"><pane ySplit="3" topLeftCell="A4" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>
<cols>${cols}</cols>
<sheetData>${sheetRows.join('')}</sheetData>
<autoFilter ref="A3:${last}${rows.length + 3}"/>
</worksheet>`;
  const styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.00##"/></numFmts>
<fonts count="3"><font><sz val="11"/><name val="等线"/></font><font><b/><sz val="11"/><name val="等线"/></font><font><b/><sz val="14"/><name val="等线"/></font></fonts>
<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFE8F1FB"/><bgColor indexed="64"/></patternFill></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/><xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>`;
  return {
    '[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="问题清单" sheetId="1" r:id="rId1"/></sheets><definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'问题清单'!$A$3:$${last}$${rows.length + 3}</definedName></definedNames></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    'xl/worksheets/sheet1.xml': sheet,
    'xl/styles.xml': styles,
  };
}

// ---------------------------------------------------------------------------
// .docx: a landscape A4 page, the title, the subtitle, one table (heading row
// repeated on every page), the note.

const DOCX_WIDTHS = { no: 500, severity: 700, table: 1700, row: 1700, column: 1400, page: 450, line: 600, printed: 900, expected: 900, difference: 800, message: 4000, rule: 0 };

export function docxParts(list) {
  // The rule id is for machines: the Word list leaves it out to keep the page readable.
  const cols = list.keys.map((k, i) => [k, list.headers[i]]).filter(([k]) => DOCX_WIDTHS[k] !== 0);
  const run = (text, { bold = false, size = 18 } = {}) =>
    `<w:r><w:rPr>${bold ? '<w:b/>' : ''}<w:sz w:val="${size}"/><w:szCs w:val="${size}"/></w:rPr><w:t xml:space="preserve">${xml(text)}</w:t></w:r>`;
  const para = (text, opts) => `<w:p><w:pPr><w:spacing w:after="60"/></w:pPr>${run(text, opts)}</w:p>`;
  const tc = (k, text, head) =>
    `<w:tc><w:tcPr><w:tcW w:w="${DOCX_WIDTHS[k] || 900}" w:type="dxa"/>${head ? '<w:shd w:val="clear" w:color="auto" w:fill="E8F1FB"/>' : ''}</w:tcPr><w:p><w:pPr><w:spacing w:after="0"/>${NUMERIC.has(k) && !head ? '<w:jc w:val="right"/>' : ''}</w:pPr>${run(text ?? '', { bold: head, size: 17 })}</w:p></w:tc>`;
  const head = `<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>${cols.map(([k, h]) => tc(k, h, true)).join('')}</w:tr>`;
  const body = list.rows.map((r) => `<w:tr><w:trPr><w:cantSplit/></w:trPr>${cols.map(([k]) => tc(k, r[k], false)).join('')}</w:tr>`).join('');
  const border = (side) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="999999"/>`;
  const table = `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('')}</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="60" w:type="dxa"/><w:right w:w="60" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>${cols.map(([k]) => `<w:gridCol w:w="${DOCX_WIDTHS[k] || 900}"/>`).join('')}</w:tblGrid>${head}${body}</w:tbl>`;
  const empty = list.rows.length === 0 ? para('（无问题 / no findings）') : '';
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>${para(list.title, { bold: true, size: 32 })}${para(list.subtitle, { size: 20 })}${empty}${table}${para(list.note, { size: 16 })}<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/><w:pgMar w:top="1000" w:right="800" w:bottom="1000" w:left="800" w:header="500" w:footer="500" w:gutter="0"/></w:sectPr></w:body></w:document>`;
  const styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="宋体" w:cs="Arial"/><w:sz w:val="18"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="260" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>`;
  return {
    '[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>`,
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
    'word/document.xml': document,
    'word/_rels/document.xml.rels': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    'word/styles.xml': styles,
  };
}

const MIME = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** The file's bytes (a zip of the parts). */
export function build(list) {
  const parts = list.format === 'xlsx' ? xlsxParts(list) : docxParts(list);
  const files = {};
  for (const [name, text] of Object.entries(parts)) files[name] = strToU8(text);
  // [Content_Types].xml first, as Office writes it (some readers sniff it there).
  return zipSync(files, { level: 6 });
}

/** Build the file and offer it as a download. */
export function exportFindings(list) {
  const bytes = build(list);
  const blob = new Blob([bytes], { type: MIME[list.format] || 'application/octet-stream' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = list.filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

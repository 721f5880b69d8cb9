// <budget-lens>: BudgetLens embedded in any page with one tag (see EMBEDDING.md).
//
//   <script type="module" src="/budgetlens/budget-lens.js"></script>
//   <budget-lens lang="zh-CN"></budget-lens>
//
// Rust cannot subclass HTMLElement, so this small class owns the element and
// calls the wasm exports: `mount(root, lang, compact, onAnalyzed)` renders the
// page into a shadow root, `setLargeAnalyzer(fn)` lets large pastes run in
// worker.js. The wasm is initialised once per page, whatever the number of
// instances; each instance has its own mount and its own state.
//
// Safety rules kept here, because a government site embeds this:
// - no inline script, no style attributes, no eval: works under
//   `script-src 'self' 'wasm-unsafe-eval'; style-src 'self'`;
// - styles live in the shadow root (the page's CSS adopted as a constructable
//   stylesheet, plus a small sheet that stops inherited host styles at the
//   boundary), so host CSS cannot break the widget and its CSS cannot leak out;
// - every file is fetched while loading (wasm — once, compiled once and handed to
//   the worker —, CSS, the worker and its imports);
//   after `el.ready` nothing is fetched again, so pasted text never leaves the page.
import init, * as wasm from './budgetlens.js';
import { loadExporter } from './export-loader.js';

/** A worker that has not initialised by then is given up: analysis stays on the main thread. */
const WORKER_TIMEOUT_MS = 15000;

// ---------------------------------------------------------------------------
// The worker: one per page, started while loading, shared by every instance.

let worker = null;
let workerReady = null;
let nextId = 1;
const pending = new Map();

function startWorker() {
  if (workerReady) return workerReady;
  workerReady = new Promise((resolve) => {
    let w;
    try {
      const inlined = globalThis.__budgetlensWorkerSource; // set by the single-file build
      if (inlined) {
        const url = URL.createObjectURL(new Blob([inlined], { type: 'text/javascript' }));
        w = new Worker(url, { name: 'budgetlens' }); // a classic script: see scripts/single-file.mjs
      } else {
        w = new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'budgetlens' });
      }
      // The wasm compiled once, on the main thread, is handed over: the worker
      // neither fetches nor compiles it again.
      compiled().then((module) => w.postMessage({ module }));
    } catch (err) {
      resolve(false); // e.g. a CSP without worker-src 'self': analyse on the main thread
      return;
    }
    const timer = setTimeout(() => resolve(false), WORKER_TIMEOUT_MS);
    w.onmessage = (event) => {
      const msg = event.data || {};
      if ('ready' in msg) {
        clearTimeout(timer);
        if (msg.ready) {
          worker = w;
          resolve(true);
        } else {
          w.terminate();
          resolve(false);
        }
        return;
      }
      const job = pending.get(msg.id);
      if (!job) return;
      pending.delete(msg.id);
      if (typeof msg.json === 'string') {
        job.resolve(msg.json);
      } else {
        const err = Object.assign(new Error(msg.error || 'worker failed'), { crashed: !!msg.crashed });
        job.reject(err);
        if (msg.crashed) failWorker(new Error('worker closed'));
      }
    };
    w.onerror = (event) => {
      event.preventDefault();
      clearTimeout(timer);
      resolve(false);
      failWorker(new Error(event.message || 'worker error'));
    };
  });
  return workerReady;
}

// A crashed worker (wasm trap) is not reused: pending jobs fall back to the main
// thread through the rejected promise, and later large pastes do too.
function failWorker(err) {
  if (worker) worker.terminate();
  worker = null;
  for (const job of pending.values()) job.reject(err);
  pending.clear();
}

/** `(text) => Promise<string>`: analyzeJson(text) computed in the worker. */
function analyzeInWorker(text) {
  if (!worker) return Promise.reject(new Error('no worker'));
  return new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, text });
  });
}

// ---------------------------------------------------------------------------
// The PDF worker: started the first time a PDF is opened, never before (the page's
// first load carries no PDF code), from the app's own files ('self').

let pdfWorker = null;
let nextPdfId = 1;
const pdfPending = new Map();
/** The wasm exports the PDF reader serves (the page's, or the batch view's: `connectPdf`). */
let pdfHost = null;

/** Post `message` to the PDF worker (started on first use); resolves with its answer. */
function askPdfWorker(message, transfer) {
  return new Promise((resolve, reject) => {
    try {
      if (!pdfWorker) {
        pdfWorker = new Worker(new URL('./pdf-worker.js', import.meta.url), { type: 'module', name: 'budgetlens-pdf' });
        pdfWorker.onmessage = (event) => {
          const msg = event.data || {};
          const job = pdfPending.get(msg.id);
          if (!job) return;
          if (msg.progress) {
            // Pages read so far: the page shows how far a long PDF is.
            if (pdfHost && pdfHost.pdfProgress) pdfHost.pdfProgress(msg.progress[0], msg.progress[1]);
            return;
          }
          pdfPending.delete(msg.id);
          if (typeof msg.text === 'string') job.resolve({ text: msg.text, boxes: msg.boxes, scanned: msg.scanned, doc: msg.doc });
          else if (msg.drawing) job.resolve(msg.drawing);
          else job.reject(new Error(msg.error || 'PDF worker failed'));
        };
        pdfWorker.onerror = (event) => {
          event.preventDefault();
          for (const job of pdfPending.values()) job.reject(new Error('无法加载 PDF 读取程序 / the PDF reader could not be loaded'));
          pdfPending.clear();
          pdfWorker.terminate();
          pdfWorker = null;
        };
      }
      const id = nextPdfId++;
      pdfPending.set(id, { resolve, reject });
      pdfWorker.postMessage({ id, ...message }, transfer || []);
    } catch (err) {
      reject(err);
    }
  });
}

/**
 * `(bytes: Uint8Array) => Promise<{text, boxes, doc}>`: the PDF's text, where each of its
 * lines stands, and the worker's number for the file, read in pdf-worker.js.
 */
function readPdfInWorker(bytes) {
  const copy = bytes.slice().buffer;
  return askPdfWorker({ bytes: copy }, [copy]);
}

/**
 * Stop the PDF being read: the worker is ended (a long read cannot be interrupted
 * otherwise) and what waits on it is told so; the next PDF starts a new worker.
 */
function cancelPdfReading() {
  if (!pdfWorker) return;
  pdfWorker.terminate();
  pdfWorker = null;
  for (const job of pdfPending.values()) job.reject(new Error('已取消读取 PDF。Reading the PDF was cancelled.'));
  pdfPending.clear();
}

/** `(doc, page) => Promise<drawing>`: a page of a PDF read before, drawn by the worker. */
function drawPdfPageInWorker(doc, page) {
  return askPdfWorker({ doc, page });
}

// ---------------------------------------------------------------------------
// The wasm: initialised once per page.

let booted = null;
let workerSettled = null;
let module = null;

/**
 * The wasm as a compiled WebAssembly.Module, fetched and compiled once per page
 * (streaming where the server sends application/wasm) and shared by the page and
 * its worker. The single-file build's glue brings its own (inlined bytes).
 */
function compiled() {
  if (!module) {
    module = (async () => {
      if (wasm.compiledModule) return wasm.compiledModule();
      const url = new URL('./budgetlens_bg.wasm', import.meta.url);
      try {
        return await WebAssembly.compileStreaming(fetch(url));
      } catch (_) {
        // A server that sends another Content-Type than application/wasm: the
        // streaming body is spent, fetch the bytes again and compile those.
        return WebAssembly.compile(await (await fetch(url)).arrayBuffer());
      }
    })();
  }
  return module;
}

/**
 * Initialise the wasm (once per page) and start the worker in the background.
 * Resolves with the wasm exports as soon as they can be used: the first render
 * does not wait for the worker. Exported for hosts and for the page's bootstrap.
 */
export function ready() {
  if (!booted) {
    booted = (async () => {
      await init({ module_or_path: await compiled() });
      // Samples and other assets resolve next to these files, not next to the host page.
      if (wasm.setAssetBase) wasm.setAssetBase(new URL('.', import.meta.url).href);
      // PDFs are read in their own worker, loaded only when one is opened. The single
      // file (file://) has no separate files to load it from: it keeps to text.
      connectPdf(wasm);
      workerSettled = startWorker().then((ok) => {
        if (ok) wasm.setLargeAnalyzer(analyzeInWorker);
        return ok;
      });
      return wasm;
    })();
  }
  return booted;
}

/**
 * Let the app of `exports` (initialised wasm exports: the page's, or the #batch
 * view's own module) read PDFs in the PDF worker. The single file (file://) has
 * no separate files to load the worker from: it keeps to text.
 */
export function connectPdf(exports) {
  if (!exports.setPdfReader || globalThis.__budgetlensWorkerSource) return;
  pdfHost = exports;
  exports.setPdfReader(readPdfInWorker);
  if (exports.setPdfPageDrawer) exports.setPdfPageDrawer(drawPdfPageInWorker);
  if (exports.setPdfCanceller) exports.setPdfCanceller(cancelPdfReading);
}

/** Resolves once every file is loaded (wasm, worker and its imports): nothing is fetched after it. */
export function loaded() {
  return ready().then(() => workerSettled).then(() => wasm);
}

// ---------------------------------------------------------------------------
// Styles. app.css and chart.css are written for the page; inside a shadow
// root three things of them need translating, done once per page on the fetched text:
// - `:root` (its custom properties) becomes `:host`;
// - `body` becomes the wrapper `.bl-boundary`;
// - `rem` would follow the HOST's root font size (`html { font-size: 40px }`
//   reaches through any shadow root), so `Nrem` becomes
//   `calc(N * var(--bl-rem))` with --bl-rem fixed on :host (media queries
//   keep rem: there it means the browser default, not the host's).
// The result is adopted as a constructable stylesheet: CSSOM is not subject to
// CSP style-src, and the one fetch goes to the widget's own origin. Without
// constructable stylesheets (old browsers) app.css comes through a <link>.

/** The page's stylesheets, in the order index.html links them. */
const CSS_URLS = ['./app.css', './chart.css'].map((f) => new URL(f, import.meta.url).href);
const CAN_ADOPT =
  typeof CSSStyleSheet !== 'undefined' &&
  'replaceSync' in CSSStyleSheet.prototype &&
  'adoptedStyleSheets' in Document.prototype;

// `!important` in the shadow context beats the host's `!important` on the host
// element (for important rules the inner context wins); the wrapper then sets
// every inherited property afresh (`all: initial`) so nothing of the host flows in.
// `display` stays the host's to choose (where and whether to show the widget).
const BOUNDARY_CSS = `
  :host { display: block; font-size: 16px !important; color: #1a1f27 !important;
          text-align: left !important; text-transform: none !important; letter-spacing: normal !important;
          --bl-rem: 16px; }
  :host([hidden]) { display: none !important; }
  .bl-boundary { all: initial; display: block; font-family: system-ui, sans-serif; font-size: 15px;
          line-height: 1.55; color: #1a1f27; text-align: left; }
`;

/** app.css translated for a shadow root (see above). Exported for tests. */
export function shadowCss(css) {
  return css
    .split('\n')
    .map((line) => {
      let out = line.replace(/:root\b/g, ':host').replace(/(^|[\s,}])body(?=[\s,{.:#[])/g, '$1.bl-boundary');
      if (!/@(media|container|supports)\b/.test(out)) {
        out = out.replace(/(^|[^\w.-])(-?\d*\.?\d+)rem\b/g, '$1calc($2 * var(--bl-rem))');
      }
      return out;
    })
    .join('\n');
}

let sheets = null;
function styleSheets() {
  if (!sheets) {
    sheets = (async () => {
      if (!CAN_ADOPT) return null;
      const boundary = new CSSStyleSheet();
      boundary.replaceSync(BOUNDARY_CSS);
      const app = new CSSStyleSheet();
      const inlined = globalThis.__budgetlensCss; // set by the single-file build
      const css =
        typeof inlined === 'string'
          ? inlined
          : (await Promise.all(CSS_URLS.map((u) => fetch(u).then((r) => (r.ok ? r.text() : ''))))).join('\n');
      app.replaceSync(shadowCss(css));
      return [boundary, app];
    })();
  }
  return sheets;
}

// ---------------------------------------------------------------------------
// The element.

function langOf(value) {
  return /^en\b/i.test(value || '') ? 'en' : 'zh';
}

export class BudgetLensElement extends HTMLElement {
  static get observedAttributes() {
    return ['lang', 'compact'];
  }

  constructor() {
    super();
    this._shadow = this.attachShadow({ mode: 'open' });
    if (!CAN_ADOPT) {
      for (const href of CSS_URLS) {
        const link = document.createElement('link');
        link.rel = 'stylesheet';
        link.href = href;
        this._shadow.append(link);
      }
    }
    this._root = null;
    this._handle = null;
    this._text = '';
    this._waiters = [];
    this._last = null;
    let mounted;
    this._mounted = new Promise((resolve) => (mounted = resolve));
    this._onMounted = mounted;
    this._usable = Promise.all([ready(), styleSheets()]).then(([, adopted]) => {
      if (adopted) this._shadow.adoptedStyleSheets = adopted;
    });
    /** Resolves (with the element) once it is mounted and every file is loaded. */
    this.ready = Promise.all([this._mounted, loaded()]).then(() => this);
  }

  connectedCallback() {
    if (this._handle || this._connecting) return;
    this._connecting = true;
    this._usable.then(
      () => {
        this._connecting = false;
        if (this.isConnected && !this._handle) this._mount();
      },
      (err) => {
        this._connecting = false;
        this._showError(err);
      },
    );
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (!this._handle || oldValue === newValue) return;
    if (name === 'lang') this._handle.set_lang(langOf(newValue));
    if (name === 'compact') this._mount(); // the layout is chosen at mount (the text is kept)
  }

  /** The text being analysed. Setting it analyses it. */
  get text() {
    return this._text;
  }

  set text(value) {
    this._text = value == null ? '' : String(value);
    if (this._handle) this._handle.set_text(this._text);
  }

  /** The last contract object (budgetlens/1), or null before the first analysis. */
  get result() {
    return this._last;
  }

  /**
   * Analyse `text`; resolves with the contract object (also sent as
   * `budgetlens-analyzed`) of the next analysis that completes, which is this
   * text's unless a newer text replaced it meanwhile.
   */
  analyze(text) {
    const value = text == null ? '' : String(text);
    const done = new Promise((resolve) => this._waiters.push(resolve));
    this._mounted.then(() => {
      this.text = value;
    });
    return done;
  }

  _mount() {
    if (this._handle) {
      try {
        this._handle.destroy();
        this._handle.free();
      } catch (_) {
        /* already gone */
      }
    }
    if (this._root) this._root.remove();
    this._root = document.createElement('div');
    this._root.className = 'bl-boundary';
    this._shadow.append(this._root);
    const mountPoint = document.createElement('div');
    this._root.append(mountPoint);
    this._handle = wasm.mount(
      mountPoint,
      langOf(this.getAttribute('lang')),
      this.hasAttribute('compact'),
      (contract) => this._analyzed(contract),
    );
    if (this._text) this._handle.set_text(this._text);
    this._onMounted();
  }

  _analyzed(contract) {
    this._last = contract;
    const waiters = this._waiters;
    this._waiters = [];
    for (const resolve of waiters) resolve(contract);
    this.dispatchEvent(new CustomEvent('budgetlens-analyzed', { detail: contract, bubbles: true, composed: true }));
  }

  _showError(err) {
    const p = document.createElement('p');
    p.setAttribute('role', 'alert');
    p.textContent = `BudgetLens 无法加载 / could not load: ${err && err.message ? err.message : err}`;
    this._shadow.append(p);
  }
}

// ---------------------------------------------------------------------------
// The 问题清单 export (.docx / .xlsx): the app sends the rows in a
// `budgetlens-export` event (composed, so it leaves a widget's shadow root);
// the writer is loaded on the first one. One listener per page.

if (!globalThis.__budgetlensExportListener) {
  globalThis.__budgetlensExportListener = true;
  document.addEventListener('budgetlens-export', (event) => {
    const list = event.detail;
    loadExporter().then(
      (m) => m.exportFindings(list),
      (err) => console.error('BudgetLens: the export could not be loaded', err),
    );
  });
}

if (!customElements.get('budget-lens')) customElements.define('budget-lens', BudgetLensElement);

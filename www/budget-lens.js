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
// - styles live in the shadow root (app.css through <link>, plus a small
//   constructable sheet that stops inherited host styles at the boundary), so
//   host CSS cannot break the widget and the widget's CSS cannot leak out;
// - every file is fetched while loading (wasm, CSS, the worker and its imports);
//   after `ready` nothing is fetched again, so pasted text never leaves the page.
import init, * as wasm from './budgetlens.js';

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
        w = new Worker(url, { type: 'module', name: 'budgetlens' });
        wasm.compiledModule().then((module) => w.postMessage({ module }));
      } else {
        w = new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'budgetlens' });
      }
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
      if (typeof msg.json === 'string') job.resolve(msg.json);
      else job.reject(new Error(msg.error || 'worker failed'));
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
// The wasm: initialised once per page.

let booted = null;

/**
 * Initialise the wasm (once) and start the worker. Resolves when nothing more
 * will be fetched. Exported for hosts and for the page's own bootstrap.
 */
export function ready() {
  if (!booted) {
    booted = (async () => {
      await init({ module_or_path: new URL('./budgetlens_bg.wasm', import.meta.url) });
      if (await startWorker()) wasm.setLargeAnalyzer(analyzeInWorker);
      return wasm;
    })();
  }
  return booted;
}

// ---------------------------------------------------------------------------
// Styles: app.css through a <link> (style-src 'self' allows it), and a reset
// that cuts inheritance from the host. CSSOM sheets are not subject to CSP.

const CSS_URL = new URL('./app.css', import.meta.url).href;

let boundarySheet = null;
function boundary() {
  if (boundarySheet || typeof CSSStyleSheet === 'undefined' || !('replaceSync' in CSSStyleSheet.prototype)) {
    return boundarySheet;
  }
  boundarySheet = new CSSStyleSheet();
  // `!important` in the shadow context beats the host's `!important` on the
  // host element (inner context wins for important rules); the wrapper then
  // sets every inherited property again so nothing of the host flows in.
  boundarySheet.replaceSync(`
    :host { display: block !important; contain: content; font-size: 16px !important;
            color: #1f2328 !important; text-align: left !important; }
    :host([hidden]) { display: none !important; }
    .bl-boundary { all: initial; display: block; font-family: system-ui, "Microsoft YaHei",
            "PingFang SC", "WenQuanYi Micro Hei", sans-serif; font-size: 16px; line-height: 1.5;
            color: #1f2328; text-align: left; }
  `);
  return boundarySheet;
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
    const sheet = boundary();
    if (sheet) this._shadow.adoptedStyleSheets = [sheet];
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = CSS_URL;
    this._shadow.append(link);
    this._root = null;
    this._handle = null;
    this._text = '';
    this._waiters = [];
    this._last = null;
    this.ready = ready().then(() => this);
  }

  connectedCallback() {
    if (this._handle || this._connecting) return;
    this._connecting = true;
    ready().then(
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
    if (name === 'compact') this._mount(); // the layout is chosen at mount
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

  /** Analyse `text`; resolves with the contract object (also sent as `budgetlens-analyzed`). */
  analyze(text) {
    const value = text == null ? '' : String(text);
    if (this._handle && value === this._text && this._last) return Promise.resolve(this._last);
    const done = new Promise((resolve) => this._waiters.push(resolve));
    this.ready.then(() => {
      this.text = value;
    });
    return done;
  }

  _mount() {
    if (this._handle && typeof this._handle.free === 'function') {
      try {
        this._handle.free();
      } catch (_) {
        /* already freed */
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

if (!customElements.get('budget-lens')) customElements.define('budget-lens', BudgetLensElement);

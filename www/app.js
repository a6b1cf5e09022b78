// The ecplint page: collects what the user drops or picks, has the worker check it, renders the
// report. This entry only starts and wires the modules, each with one job:
//
//   worker-client.js  talks to worker.js, which runs the wasm engine
//   inputs.js         pickers, drops and the sample → input items
//   check.js          runs a check of them: progress, cancel, the report to the results
//   results.js        toolbar, summary, inputs, charts and findings (navpreview.js and config.js:
//                     the Navigation preview and Config tabs)
//   source-drawer.js  a file of an input, with its findings; its editor
//   share.js          Download (an input as an archive) and Copy link (the files in the address)
//   docs-dialog.js    the rules and their documentation (HTML rendered at build time, crates/rule-docs)
//   chrome.js         static texts, version, language buttons, footer, intro
//   status.js         progress bar and notice
//   settings.js       the platform categories
//   rules.js          the rule catalog;  i18n.js: every string;  dom.js: DOM builders
//
// Every text that comes from a chart (file names, messages quoting chart text) goes into the DOM as
// text — see dom.js; nothing here uses innerHTML. The one HTML the page reads is the rules' docs,
// ours, copied element by element through an allowlist (docs-dialog.js).

import { t, onLangChange } from './i18n.js';
import { startWorker, request } from './worker-client.js';
import { setRules } from './rules.js';
import { initInputs } from './inputs.js';
import { runCheck, initCheck } from './check.js';
import { currentReport, renderResults, initResults, onReportShown } from './results.js';
import { initSourceDrawer, refreshSource, followReport } from './source-drawer.js';
import { initDocsDialog, refreshDocs } from './docs-dialog.js';
import { renderChrome, initChrome } from './chrome.js';
import { initSettings } from './settings.js';
import { notice, initStatus } from './status.js';
import { initPreview } from './navpreview.js';
import { copyLink, openLinkInAddress, dropLinkFromAddress, linkInAddress } from './share.js';

function wireDialogs() {
  for (const dlg of document.querySelectorAll('dialog')) {
    dlg.addEventListener('click', (e) => {
      if (e.target === dlg) dlg.close(); // a click on the backdrop
      if (e.target.closest('[data-close]')) dlg.close();
    });
  }
}

// A drop replaces what a link in the address held.
initInputs({ onInputs: (items) => {
  dropLinkFromAddress();
  return runCheck(items);
} });
onReportShown(followReport);
document.getElementById('share').addEventListener('click', copyLink);
window.addEventListener('hashchange', () => {
  if (linkInAddress()) openLinkInAddress(runCheck);
});
initCheck();
initStatus();
initResults();
initDocsDialog();
initSourceDrawer({ currentReport });
initChrome();
initSettings();
wireDialogs();
onLangChange(() => {
  renderChrome();
  renderResults();
  refreshDocs();
  refreshSource();
});
initPreview({ request });
renderChrome();
renderResults();
startWorker({
  onReady: (m) => {
    setRules(m.rules);
    renderChrome();
  },
  onFatal: (msg) => notice(t('error.engine', { msg }), 'error'),
});

// A shared link in the address: check the files it holds.
openLinkInAddress(runCheck);

// For tests and the curious: the last report.
Object.defineProperty(window, 'ecplintReport', { get: currentReport });

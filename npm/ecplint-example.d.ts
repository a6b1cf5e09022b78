// `import 'ecplint/example'` defines the <ecplint-example> element (a live ecplint check of the
// chart files written inside it; see the package README). It exports nothing.

import type { Diagnostic } from '../index.js';

export {};

declare global {
  interface EcplintExampleElement extends HTMLElement {
    /** The findings shown now (after the `rules` filter), as the report gives them; `null`
     * before the first check. */
    readonly diagnostics: Diagnostic[] | null;
  }
  interface HTMLElementTagNameMap {
    'ecplint-example': EcplintExampleElement;
  }
}

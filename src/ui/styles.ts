// The UI's styles, adopted into the shadow root (see browser/host.ts addStyles).
// Theme them from the page with custom properties on the host, e.g.
//   #asmeronexa-consent { --anx-primary: #7a1fbf; --anx-radius: 0; --anx-font: Georgia, serif; }
// The default colours meet WCAG contrast (text 4.5:1, borders and switches 3:1) in both themes:
// test/unit/ui/contrast.test.ts computes it.
export const LIGHT = {
  bg: '#ffffff', text: '#1d2433', muted: '#4b5565', primary: '#1f5fbf', onPrimary: '#ffffff',
  border: '#8a94a6', notice: '#fff4d6', noticeText: '#4a3600', backdrop: 'rgb(15 20 30 / .55)',
};
export const DARK = {
  bg: '#161b22', text: '#e6edf3', muted: '#aab4c3', primary: '#8ab8ff', onPrimary: '#0b1220',
  border: '#6b7689', notice: '#3a2f10', noticeText: '#ffe9a8', backdrop: 'rgb(0 0 0 / .65)',
};

const vars = (c: typeof LIGHT) =>
  `--anx-bg:${c.bg};--anx-text:${c.text};--anx-muted:${c.muted};--anx-primary:${c.primary};--anx-on-primary:${c.onPrimary};` +
  `--anx-border:${c.border};--anx-notice:${c.notice};--anx-notice-text:${c.noticeText};--anx-backdrop:${c.backdrop};`;

/** What the banner needs (the first layer's chunk has only this). */
export const BANNER_CSS = `
:host{all:initial;font-family:inherit;${vars(LIGHT)}--anx-radius:.75rem;--anx-shadow:0 8px 32px rgb(0 0 0/.22)}
:host([data-theme=dark]){${vars(DARK)}}
@media (prefers-color-scheme:dark){:host([data-theme=auto]){${vars(DARK)}}}
.anx-root{font-family:var(--anx-font,inherit);font-size:1rem;line-height:1.5;color:var(--anx-text)}
.anx-root *,.anx-root *::before,.anx-root *::after{box-sizing:border-box}
.anx-root [hidden]{display:none!important}
.anx-banner,.anx-dialog{background:var(--anx-bg);color:var(--anx-text);border:1px solid var(--anx-border);border-radius:var(--anx-radius);box-shadow:var(--anx-shadow)}
.anx-banner{position:fixed;z-index:2147483000;inset:auto 1rem 1rem;margin:0 auto;max-width:60rem;max-height:calc(100vh - 2rem);overflow:auto;padding:1.25rem 1.5rem}
.anx-banner .anx-text,.anx-banner .anx-recipients{margin-bottom:.5rem}
.anx-banner--modal{inset:50% 1rem auto;transform:translateY(-50%)}
.anx-banner--modal::backdrop{background:var(--anx-backdrop)}
.anx-title{margin:0 0 .5rem;font-size:1.25rem;line-height:1.3;font-weight:700}
.anx-title:focus{outline:none}
.anx-title:focus-visible{outline:3px solid var(--anx-primary);outline-offset:2px}
.anx-text{margin:0 0 .75rem}
.anx-notice{margin:0 0 .75rem;padding:.5rem .75rem;border-radius:.5rem;background:var(--anx-notice);color:var(--anx-notice-text);font-weight:600}
.anx-lead{margin-bottom:.25rem}
.anx-recipients{margin:0 0 .75rem;padding-left:1.25rem}
.anx-links{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;margin:0 0 1rem}
.anx-root a{color:var(--anx-primary);text-decoration:underline;text-underline-offset:.15em}
.anx-root a:focus-visible{outline:3px solid var(--anx-primary);outline-offset:2px;border-radius:2px}
.anx-actions{display:grid;grid-template-columns:repeat(auto-fit,minmax(11rem,1fr));gap:.75rem}
.anx-button{font:inherit;font-weight:600;min-height:2.75rem;padding:.6rem 1rem;border:2px solid var(--anx-primary);border-radius:calc(var(--anx-radius)*.66);background:var(--anx-primary);color:var(--anx-on-primary);cursor:pointer;overflow-wrap:anywhere}
.anx-button:hover{filter:brightness(1.08)}
.anx-button:focus-visible{outline:3px solid var(--anx-primary);outline-offset:3px}
.anx-visually-hidden{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
@media (max-width:30rem){.anx-banner{inset:auto .5rem .5rem;padding:1rem}}
@media (forced-colors:active){.anx-button{border:2px solid ButtonText;background:ButtonFace;color:ButtonText}.anx-banner{border:2px solid CanvasText}}
`;

/**
 * The settings dialog's own rules, added by the full UI after BANNER_CSS. Its narrow-screen
 * rules come after the rules they narrow: at the same specificity, the later one wins.
 */
export const DIALOG_CSS = `
.anx-backdrop{position:fixed;z-index:2147483001;inset:0;display:grid;place-items:center;padding:1rem;background:var(--anx-backdrop)}
.anx-dialog{display:flex;flex-direction:column;width:100%;max-width:42rem;max-height:calc(100vh - 2rem);animation:anx-in .18s ease-out}
.anx-dialog-head{display:flex;align-items:flex-start;justify-content:space-between;gap:1rem;padding:1.25rem 1.5rem .5rem}
.anx-dialog-head .anx-title{margin:0;padding-top:.4rem}
.anx-dialog-body{overflow:auto;padding:0 1.5rem 1rem;overscroll-behavior:contain}
.anx-dialog-actions{padding:1rem 1.5rem 1.25rem;border-top:1px solid var(--anx-border)}
.anx-close{flex:none;display:grid;place-items:center;width:2.75rem;height:2.75rem;padding:0;border:1px solid var(--anx-border);border-radius:50%;background:transparent;color:var(--anx-text);cursor:pointer}
.anx-categories{list-style:none;margin:0;padding:0}
.anx-category{padding:1rem 0;border-top:1px solid var(--anx-border)}
.anx-category-head{display:flex;align-items:center;justify-content:space-between;gap:1rem;flex-wrap:wrap}
.anx-category-title{margin:0;font-size:1.05rem}
.anx-category .anx-text{margin:.35rem 0 .5rem}
.anx-switch{display:inline-flex;align-items:center;gap:.6rem;min-height:2.75rem;padding:.25rem .25rem .25rem .5rem;border:0;border-radius:1.5rem;background:transparent;color:var(--anx-text);font:inherit;cursor:pointer}
.anx-switch[disabled]{cursor:default}
.anx-switch-track{position:relative;width:3rem;height:1.6rem;border:2px solid var(--anx-border);border-radius:1rem;background:var(--anx-bg);transition:background .15s}
.anx-switch-thumb{position:absolute;top:.15rem;left:.15rem;width:1rem;height:1rem;border-radius:50%;background:var(--anx-muted);transition:transform .15s}
.anx-switch[aria-checked=true] .anx-switch-track{background:var(--anx-primary);border-color:var(--anx-primary)}
.anx-switch[aria-checked=true] .anx-switch-thumb{transform:translateX(1.4rem);background:var(--anx-on-primary)}
.anx-switch-thumb--partial{transform:translateX(.7rem)}
.anx-switch-state{min-width:5.5rem;font-size:.9rem;font-weight:600}
.anx-disclosure{font:inherit;min-height:2rem;padding:.25rem 0;border:0;background:none;color:var(--anx-primary);text-decoration:underline;text-underline-offset:.15em;cursor:pointer}
.anx-services{list-style:none;margin:.5rem 0 0;padding:0;display:grid;gap:.75rem}
.anx-service{padding:.75rem 1rem;border:1px solid var(--anx-border);border-radius:.5rem}
.anx-service-head{display:flex;align-items:center;justify-content:space-between;gap:0 1rem;flex-wrap:wrap;margin:0 0 .25rem}
.anx-service-head>.anx-switch-state{padding:.25rem 0}
.anx-service-title{margin:0;font-size:1rem}
.anx-service dl,.anx-record{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0;font-size:.9rem}
.anx-service dt,.anx-record dt{color:var(--anx-muted)}
.anx-service dd,.anx-record dd{margin:0;overflow-wrap:anywhere}
.anx-cookies{margin:0;padding:0;list-style:none}
.anx-record{margin-top:1rem;padding-top:1rem;border-top:1px solid var(--anx-border)}
.anx-record-help{grid-column:1/-1}
.anx-root code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em}
@media (max-height:30rem){.anx-backdrop{padding:.5rem;place-items:start center}.anx-dialog{overflow:auto;max-height:calc(100vh - 1rem)}.anx-dialog-head,.anx-dialog-body,.anx-dialog-actions{flex:none}.anx-dialog-body{overflow:visible}.anx-banner{max-height:calc(100vh - 1rem)}}
@media (max-width:30rem){.anx-backdrop{padding:.5rem}.anx-dialog-head,.anx-dialog-body,.anx-dialog-actions{padding-left:1rem;padding-right:1rem}.anx-service dl,.anx-record{grid-template-columns:1fr}}
@keyframes anx-in{from{opacity:0;transform:translateY(.75rem)}}
@media (prefers-reduced-motion:reduce){.anx-dialog{animation:none}.anx-switch-track,.anx-switch-thumb{transition:none}}
.anx-muted{color:var(--anx-muted)}
.anx-locked{font-weight:600}
.anx-close:focus-visible,.anx-switch:focus-visible,.anx-disclosure:focus-visible{outline:3px solid var(--anx-primary);outline-offset:3px}
@media (forced-colors:active){.anx-close{border:2px solid ButtonText;background:ButtonFace;color:ButtonText}
.anx-switch-track{border-color:ButtonText;background:Canvas}.anx-switch-thumb{background:ButtonText}
.anx-switch[aria-checked=true] .anx-switch-track{background:Highlight;border-color:Highlight}.anx-switch[aria-checked=true] .anx-switch-thumb{background:HighlightText}
.anx-dialog{border:2px solid CanvasText}}
`;

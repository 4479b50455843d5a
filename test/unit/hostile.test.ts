// The pure parts of issue 14 ("Hostile pages"): the cookie parsed by its exact raw name, the
// receipts endpoint's origin, and which /regex/ cookie rules are refused.
import { describe, expect, it } from 'vitest';
import { cookieValues } from '../../src/browser/cookie-store';
import { endpointAllowed } from '../../src/core/endpoint';
import { isSafePattern } from '../../src/core/safe-regex';
import { compileCookieRule } from '../../src/core/cookie-rule';
import { normalizeConfig } from '../../src/core/config-rules';
import { validateConfig } from '../../src/diagnostics/validate';
import { PRESETS } from '../../src/vendors/registry';
import { deleteCookies, MAX_TESTED_NAME } from '../../src/browser/cleaner';
import { createActivator, serviceScript } from '../../src/browser/activator';
import { ownScript } from '../../src/browser/own-script';
import { afterEach, vi } from 'vitest';

describe('cookieValues: the exact raw name', () => {
  it('returns every value under exactly that name, in order, and nothing for encoded or similar names', () => {
    const jar = 'asmeronexa%5Fconsent=A; asmeronexa_consent=B; x=1; asmeronexa_consent=C;nameless; Asmeronexa_consent=D; asmeronexa_consent_x=E';
    expect(cookieValues(jar, 'asmeronexa_consent')).toEqual(['B', 'C']);
    expect(cookieValues(jar, 'asmeronexa%5Fconsent')).toEqual(['A']);
    expect(cookieValues(jar, 'nameless')).toEqual([]);
    expect(cookieValues('', 'asmeronexa_consent')).toEqual([]);
  });
  it('keeps "=" inside a value and does not decode it', () => {
    expect(cookieValues('c=1|a%7Cb=|x', 'c')).toEqual(['1|a%7Cb=|x']);
  });
});

describe('endpointAllowed', () => {
  const page = 'https://www.asmeronexa.test/kurs/1?x=1';
  it('same origin (relative, absolute, protocol-relative) is allowed', () => {
    expect(endpointAllowed('/api/consent-receipts', page)).toBe(true);
    expect(endpointAllowed('api/r', page)).toBe(true);
    expect(endpointAllowed('https://www.asmeronexa.test/api', page)).toBe(true);
    expect(endpointAllowed('//www.asmeronexa.test/api', page)).toBe(true);
  });
  it('another origin (host, sibling, scheme, port) only with allowCrossOrigin', () => {
    for (const url of ['https://evil.example/c', 'https://api.asmeronexa.test/c', 'http://www.asmeronexa.test/c', 'https://www.asmeronexa.test:8443/c', '//evil.example/c']) {
      expect(endpointAllowed(url, page), url).toBe(false);
      expect(endpointAllowed(url, page, true), url).toBe(true);
    }
  });
});

describe('isSafePattern', () => {
  it('accepts the rules vendors need, the presets\' included', () => {
    for (const p of ['^_ga_', '^_hj', '^_pk_(id|ses|ref)\\.\\d+\\.[0-9a-f]+', '^mtm_', '^(?:_gid|_gat)$', '^_ga_[A-Z0-9]+$', '^a{2}b+?$', '[(+*]+x']) {
      expect(isSafePattern(p), p).toBe(true);
    }
    for (const spec of Object.values(PRESETS)) {
      for (const rule of spec.cookies) expect(compileCookieRule(rule), String(rule)).not.toBeNull();
    }
  });
  it('refuses nested quantifiers, quantified alternation, back-references and many quantifiers', () => {
    for (const p of ['^(a+)+$', '(a*)*', '((ab)*c)+', '(?:x+y?){2,}', '(a|aa)*', '(?<n>a+)+', '(a)\\1', '(?<n>a)\\k<n>', 'a?a?a?a?aaaa', '^a*a*a*a*$', '(\\d+)+']) {
      expect(isSafePattern(p), p).toBe(false);
    }
  });
  it('a refused rule is left out with an error naming it; the lean normalizer agrees', () => {
    const raw = { services: [{ id: 't', category: 'analytics', cookies: ['/^(a+)+$/', '/^_t_/'] }] };
    const { config, problems } = validateConfig(raw);
    expect(config.services[0].cookies.map((c) => String(c.name))).toEqual(['/^_t_/']);
    expect(problems.map((p) => p.path)).toEqual(['services[0].cookies[0]']);
    const lean = normalizeConfig(raw, PRESETS);
    expect(lean.findings.map((f) => f.code)).toEqual(['services.cookies[]']);
    expect(lean.config.services[0].cookies.map((c) => String(c.name))).toEqual(['/^_t_/']);
  });
  it('the cleaner tests no name longer than MAX_TESTED_NAME against a rule', () => {
    const long = 'a'.repeat(MAX_TESTED_NAME + 1);
    const short = 'a'.repeat(MAX_TESTED_NAME);
    document.cookie = `${long}=1; path=/`;
    document.cookie = `${short}=1; path=/`;
    const seen: string[] = [];
    const rule = { name: { test: (name: string) => (seen.push(name), true) } as unknown as RegExp, paths: [], displayName: '/^a/' };
    expect(deleteCookies(document, [rule])).toEqual([short]);
    expect(new Set(seen)).toEqual(new Set([short]));
    expect(document.cookie).toBe(`${long}=1`);
    document.cookie = `${long}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
  });
});

describe('receipts.allowCrossOrigin in the config', () => {
  it('is kept only as true; anything but a boolean is an error and receipts stay same-origin', () => {
    expect(validateConfig({ receipts: { endpoint: 'https://r.example/c', allowCrossOrigin: true } }).config.receipts).toEqual({ endpoint: 'https://r.example/c', allowCrossOrigin: true });
    expect(validateConfig({ receipts: { endpoint: '/c', allowCrossOrigin: false } }).config.receipts).toEqual({ endpoint: '/c' });
    const bad = validateConfig({ receipts: { endpoint: 'https://r.example/c', allowCrossOrigin: 'yes' } });
    expect(bad.config.receipts).toEqual({ endpoint: 'https://r.example/c' });
    expect(bad.problems.map((p) => p.path)).toEqual(['receipts.allowCrossOrigin']);
    for (const raw of [{ receipts: { endpoint: '/c', allowCrossOrigin: true } }, { receipts: { endpoint: '/c', allowCrossOrigin: 'yes' } }]) {
      expect(normalizeConfig(raw, PRESETS).config).toEqual(validateConfig(raw).config);
      expect(normalizeConfig(raw, PRESETS).findings.length).toBe(validateConfig(raw).problems.length);
    }
  });
});

describe('activator: no nonce for markup', () => {
  let stop: (() => void) | undefined;
  afterEach(() => {
    stop?.();
    document.head.innerHTML = '';
    document.body.innerHTML = '';
    vi.useRealTimers();
  });
  const activate = (nonce: string | undefined, timeout?: number) => {
    const reports: string[] = [];
    const activator = createActivator(document, { isAllowed: () => true, nonce, timeout, onActivated: () => {}, report: (code, ...d) => reports.push([code, ...d].join(' ')) });
    stop = () => activator.disconnect();
    activator.refresh();
    return reports;
  };
  const live = () => Array.from(document.querySelectorAll('script:not([type="text/plain"])')).map((s) => `${s.id}:${(s as HTMLScriptElement).nonce ?? ''}`);

  it('with a page nonce: only markup carrying it runs (and keeps it); the widget\'s own service scripts get it; one error per blocked element', () => {
    document.body.innerHTML = `
      <script type="text/plain" data-category="a" id="with" nonce="p4ge">1</script>
      <script type="text/plain" data-category="a" id="without">2</script>
      <script type="text/plain" data-category="a" id="wrong" nonce="guess">3</script>
      <script type="text/plain" data-category="a" id="copied" data-src="/x.js"></script>`;
    const own = serviceScript(document, 'a', 'svc', '/svc.js');
    own.id = 'own';
    document.head.append(own);
    const reports = activate('p4ge');
    expect(live().sort()).toEqual(['own:p4ge', 'with:p4ge']);
    // (happy-dom loads no files: /svc.js fails, which is reported as script-failed.)
    expect(reports.filter((r) => r.startsWith('markup'))).toEqual(['markup-nonce inline', 'markup-nonce inline', 'markup-nonce /x.js']);
    for (const id of ['without', 'wrong', 'copied']) {
      const el = document.getElementById(id) as HTMLScriptElement;
      expect(el.type, id).toBe('text/plain');
      expect(el.nonce ?? '', id).not.toBe('p4ge');
    }
  });

  it('a copy of a service script made by markup (same attributes) is not the widget\'s own', () => {
    document.body.innerHTML = '<script type="text/plain" data-category="a" data-service="svc" data-src="/svc.js" id="fake"></script>';
    expect(activate('p4ge')).toEqual(['markup-nonce /svc.js']);
    expect(live()).toEqual([]);
  });

  it('without a page nonce, markup runs as before and gets none', () => {
    document.body.innerHTML = '<script type="text/plain" data-category="a" id="s">1</script>';
    expect(activate(undefined)).toEqual([]);
    expect(live()).toEqual(['s:']);
  });

  it('data-type: module and JavaScript MIME types only; anything else stays blocked with one error', () => {
    document.body.innerHTML = ['module', 'text/javascript', ' Application/ECMAScript ', 'text/x-javascript', 'importmap', 'speculationrules', 'text/html', 'module2']
      .map((t, i) => `<script type="text/plain" data-category="a" data-type="${t}" id="t${i}">1</script>`).join('');
    const reports = activate(undefined);
    expect(live()).toEqual(['t0:', 't1:', 't2:', 't3:']);
    expect(reports).toEqual(['markup-type importmap', 'markup-type speculationrules', 'markup-type text/html', 'markup-type module2']);
  });

  it('an external script that never loads holds the queue until the timeout, then the next one runs, with one error', () => {
    vi.useFakeTimers();
    document.body.innerHTML = '<script type="text/plain" data-category="a" data-src="/never.js" id="slow"></script><script type="text/plain" data-category="a" id="next">1</script>';
    // happy-dom would load (or fail) the script at once: keep it pending, as a stalled network would.
    const append = Element.prototype.replaceWith;
    vi.spyOn(Element.prototype, 'replaceWith').mockImplementation(function (this: Element, ...nodes) {
      for (const node of nodes) if (node instanceof HTMLScriptElement && node.src) node.removeAttribute('src');
      return append.apply(this, nodes);
    });
    const reports = activate(undefined, 1000);
    expect(live()).toEqual(['slow:']);
    vi.advanceTimersByTime(999);
    expect(live()).toEqual(['slow:']);
    vi.advanceTimersByTime(1);
    expect(live()).toEqual(['slow:', 'next:']);
    expect(reports).toEqual(['script-failed /never.js']);
  });
});

describe('ownScript', () => {
  it('ignores a clobbered document.currentScript (a named element) and anything that is not a script', () => {
    const img = document.createElement('img');
    Object.defineProperty(document, 'currentScript', { value: img, configurable: true });
    try {
      expect(document.currentScript).toBe(img);
      expect(ownScript(window)).toBeNull();
    } finally {
      delete (document as { currentScript?: unknown }).currentScript;
    }
  });
});

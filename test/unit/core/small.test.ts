import { describe, expect, it, vi } from 'vitest';
import { domainCandidates, isIpAddress, pathCandidates } from '../../../src/core/domains';
import { createEmitter } from '../../../src/core/emitter';
import { isSafeUrl } from '../../../src/core/url';

describe('domainCandidates', () => {
  it('tries host-only, then the host and every parent with two labels or more', () => {
    expect(domainCandidates('www.asmeronexa.test')).toEqual([undefined, 'www.asmeronexa.test', 'asmeronexa.test']);
    expect(domainCandidates('a.b.example.co.uk')).toEqual([undefined, 'a.b.example.co.uk', 'b.example.co.uk', 'example.co.uk', 'co.uk']);
    expect(domainCandidates('WWW.Example.DE.')).toEqual([undefined, 'www.example.de', 'example.de']);
  });

  it('uses host-only for localhost and IP addresses', () => {
    expect(domainCandidates('localhost')).toEqual([undefined]);
    expect(domainCandidates('127.0.0.1')).toEqual([undefined]);
    expect(domainCandidates('[::1]')).toEqual([undefined]);
    expect(isIpAddress('10.0.0.1')).toBe(true);
    expect(isIpAddress('asmeronexa.de')).toBe(false);
  });
});

describe('pathCandidates', () => {
  it('tries / and every prefix of the path, with and without a trailing slash, plus extra paths', () => {
    expect(pathCandidates('/')).toEqual(['/']);
    expect(pathCandidates('/kurs/abc')).toEqual(['/', '/kurs', '/kurs/', '/kurs/abc', '/kurs/abc/']);
    expect(pathCandidates('/kurs/', ['/kurs', '/app'])).toEqual(['/', '/kurs', '/kurs/', '/app']);
  });
});

describe('isSafeUrl', () => {
  it('allows http(s), protocol-relative and relative URLs', () => {
    for (const url of ['https://a.de/x', 'http://a.de', '//cdn.a.de/x.js', '/datenschutz', './x.js', '../x', '#top', '?a=1', 'page.html']) {
      expect(isSafeUrl(url)).toBe(true);
    }
  });

  it('refuses other schemes, also when disguised with whitespace or case', () => {
    for (const url of ['javascript:alert(1)', 'JavaScript:alert(1)', ' java\tscript:alert(1)', 'java\nscript:x', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd', '', ' ']) {
      expect(isSafeUrl(url)).toBe(false);
    }
  });
});

describe('createEmitter', () => {
  it('calls listeners in order and unsubscribes', () => {
    const emitter = createEmitter<{ change: number }>(() => {});
    const seen: string[] = [];
    const off = emitter.on('change', (n) => seen.push(`a${n}`));
    emitter.on('change', (n) => seen.push(`b${n}`));
    emitter.emit('change', 1);
    off();
    emitter.emit('change', 2);
    expect(seen).toEqual(['a1', 'b1', 'b2']);
  });

  it('reports a listener that throws and still calls the others', () => {
    const report = vi.fn();
    const emitter = createEmitter<{ change: number }>(report);
    const after = vi.fn();
    emitter.on('change', () => {
      throw new Error('boom');
    });
    emitter.on('change', after);
    emitter.emit('change', 1);
    expect(after).toHaveBeenCalledWith(1);
    expect(report).toHaveBeenCalledWith('change', expect.any(Error));
  });
});

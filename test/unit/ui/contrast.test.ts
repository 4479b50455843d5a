// WCAG contrast of the default colours in both themes: text 4.5:1 (1.4.3), UI boundaries 3:1 (1.4.11).
import { describe, expect, it } from 'vitest';
import { BANNER_CSS, DIALOG_CSS, DARK, LIGHT } from '../../../src/ui/styles';

const CSS = BANNER_CSS + DIALOG_CSS;

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describe.each([['light', LIGHT], ['dark', DARK]])('%s theme', (_, c) => {
  it('text, muted text, links and notices reach 4.5:1', () => {
    expect(contrast(c.text, c.bg)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(c.muted, c.bg)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(c.primary, c.bg)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(c.noticeText, c.notice)).toBeGreaterThanOrEqual(4.5);
  });

  it('the three equal buttons reach 4.5:1 and stand out 3:1 from the surface', () => {
    expect(contrast(c.onPrimary, c.primary)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(c.primary, c.bg)).toBeGreaterThanOrEqual(3);
  });

  it('switch tracks, borders and the switch thumb reach 3:1', () => {
    expect(contrast(c.border, c.bg)).toBeGreaterThanOrEqual(3);
    expect(contrast(c.muted, c.bg)).toBeGreaterThanOrEqual(3);
    expect(contrast(c.onPrimary, c.primary)).toBeGreaterThanOrEqual(3);
  });
});

describe('stylesheet', () => {
  it('has dark mode (auto and forced), forced colours, reduced motion and a narrow layout', () => {
    expect(CSS).toContain('@media (prefers-color-scheme:dark){:host([data-theme=auto])');
    expect(CSS).toContain(':host([data-theme=dark])');
    expect(CSS).toContain('@media (forced-colors:active)');
    expect(CSS).toContain('@media (prefers-reduced-motion:reduce)');
    expect(CSS).toMatch(/min-height:2\.75rem/);
  });
});

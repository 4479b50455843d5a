// The readable summary on stdout: one block per page, its findings grouped by phase.

const CODES = { red: [31, 39], green: [32, 39], yellow: [33, 39], bold: [1, 22], dim: [2, 22] };

/** ANSI colours when `on` (a TTY and no NO_COLOR), else plain text. */
export function colours(on) {
  const out = {};
  for (const [name, [open, close]] of Object.entries(CODES)) out[name] = on ? (s) => `\u001b[${open}m${s}\u001b[${close}m` : (s) => String(s);
  return out;
}

export function summary(report, c = colours(false)) {
  const lines = [''];
  let total = 0;
  for (const page of report.pages) {
    total += page.findings.length;
    if (page.error && !page.findings.length) {
      lines.push(`${c.red('✖ ERROR')} ${c.bold(page.url)}`, `  ${page.error}`, '');
      continue;
    }
    const head = page.findings.length
      ? `${c.red(`✖ ${page.findings.length} finding${page.findings.length === 1 ? '' : 's'}`)} ${c.bold(page.url)}`
      : `${c.green('✔ clean')} ${c.bold(page.url)}`;
    lines.push(head);
    if (page.config?.source === 'none') lines.push(c.dim('  config: none found on the page (no window.asmeronexaConsent, no inline or data-config config)'));
    else if (page.config) {
      const s = page.config.services;
      lines.push(c.dim(`  config (${page.config.source}): ${s.length} service${s.length === 1 ? '' : 's'}${s.length ? ` — ${s.map((x) => `${x.id} [${x.category}]`).join(', ')}` : ''}; consent cookie ${page.config.consentCookie}`));
    }
    if (page.error) lines.push(`  ${c.yellow('error:')} ${page.error}`);
    for (const f of page.findings) lines.push(`  ${c.yellow(`[${f.phase}]`)} ${c.bold(f.kind)}  ${f.detail}`);
    const counts = Object.entries(page.phases).map(([name, p]) => `${name} ${p.skipped ? 'skipped' : `${p.requests.length} req`}`);
    lines.push(c.dim(`  phases: ${counts.join(' · ')}`), '');
  }
  const errors = report.pages.filter((p) => p.error).length;
  lines.push(
    `${report.pages.length} page${report.pages.length === 1 ? '' : 's'} audited: ${total ? c.red(`${total} finding${total === 1 ? '' : 's'}`) : c.green('no findings')}${errors ? `, ${c.red(`${errors} could not be audited`)}` : ''}`,
    '',
  );
  return lines.join('\n');
}

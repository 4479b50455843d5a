import { describe, expect, it, vi } from 'vitest';
import { bareMessage, describe as describeMessage, type MessageCode } from '../../../src/core/messages';
import { speaker } from '../../../src/controller/logging';
import { messages, spyLogger } from '../helpers';

describe('console messages', () => {
  it('a code with its details becomes its text', () => {
    expect(describeMessage('markup-service', ['ads'])).toBe('data-service="ads" is not a service in the config; that markup stays blocked');
    expect(describeMessage('cookie-not-stored', ['c', ''])).not.toMatch(/for domain/);
    expect(describeMessage('cookie-not-stored', ['c', 'x.example'])).toMatch(/for domain "x\.example"/);
  });

  it('without the texts, a message still names its code and details', () => {
    expect(bareMessage('hook-threw', ['hotjar', 'onAccept', 'Error: x'])).toBe(
      'hook-threw (hotjar; onAccept; Error: x): see "Console messages" in the README',
    );
    expect(bareMessage('twice', [])).toBe('twice: see "Console messages" in the README');
  });

  it('every code the README lists has a text, and every code with a text is listed', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.slice(readme.indexOf('### Console messages'), readme.indexOf('## Several tabs'));
    const listed = [...section.matchAll(/^\| (`[^|]+)\|/gm)].flatMap((m) => [...m[1].matchAll(/`([a-z-]+)`/g)].map((c) => c[1]));
    const source = readFileSync('src/core/messages.ts', 'utf8');
    const coded = [...source.matchAll(/^ {2}'([a-z-]+)': /gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual(coded.sort());
    for (const code of coded) expect(describeMessage(code as MessageCode, ['a', 'b', 'c'])).not.toMatch(/undefined/);
  });

  it('texts that arrive later are logged in the order the messages were said', async () => {
    const logger = spyLogger();
    let arrive!: () => void;
    const texts = new Promise<void>((resolve) => (arrive = resolve));
    const say = speaker(logger, (code, details) => texts.then(() => describeMessage(code, details)));
    say('error', 'script-failed', '/a.js');
    say('warn', 'twice');
    say('error', 'script-failed', '/b.js');
    expect(logger.error).not.toHaveBeenCalled();
    arrive();
    await vi.waitFor(() => expect(logger.error).toHaveBeenCalledTimes(2));
    expect(messages(logger.error)).toEqual([
      'could not load /a.js; the next blocked scripts run anyway',
      'could not load /b.js; the next blocked scripts run anyway',
    ]);
    expect(messages(logger.warn)).toEqual([expect.stringMatching(/included more than once/)]);
  });
});

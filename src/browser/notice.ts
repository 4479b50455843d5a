// Short messages from the widget itself, without the UI chunk: "saved" after a reload that a
// change needed, "withdrawn" after a one-click withdrawal, and, in another tab, that a reload
// completes a change made elsewhere. Rare moments: the box that shows them is a chunk of its own.

import type { Language } from '../core/config';
import { getShadowRoot, whenBody } from './host';
import type { NoticeBox } from './notice-box';

export type Notice = 'saved' | 'withdrawn' | 'otherTab';

export function createNotices(
  win: Window,
  context: { lang: Language; nonce: string | undefined },
  theme: string,
  box: () => NoticeBox | Promise<NoticeBox>,
): (notice: Notice) => void {
  const doc = win.document;
  const show = (notice: Notice) =>
    Promise.resolve(box()).then(({ show: showIn, texts: all }) => {
      const texts = all[context.lang];
      // Another tab's change: a button to complete it now; the learner decides when.
      const action = notice === 'otherTab' ? { label: texts.reload, onClick: () => win.location.reload() } : undefined;
      whenBody(doc, () => showIn(getShadowRoot(doc, theme, context.lang), texts, texts[notice], context.nonce, action));
    }, () => {});
  return (notice) => {
    // Said when the learner looks at this tab, never while it is hidden.
    if (doc.visibilityState !== 'hidden') return void show(notice);
    const onVisible = () => doc.visibilityState === 'visible' && (doc.removeEventListener('visibilitychange', onVisible), show(notice));
    doc.addEventListener('visibilitychange', onVisible);
  };
}

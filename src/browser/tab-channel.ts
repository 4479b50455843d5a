// Other tabs of the site: a message when this tab stored a decision, and a way to hear theirs.
// BroadcastChannel where there is one; in any case the tab checks again whenever it becomes
// visible, so a missed message costs nothing.

export interface TabChannel {
  /** Tells the other tabs that the stored choice changed. */
  announce(): void;
  close(): void;
}

export function openTabChannel(win: Window, name: string, onOtherTab: () => void): TabChannel {
  const doc = win.document;
  const onVisible = () => doc.visibilityState === 'visible' && onOtherTab();
  doc.addEventListener('visibilitychange', onVisible);
  let channel: BroadcastChannel | null = null;
  try {
    const Channel = (win as unknown as { BroadcastChannel?: typeof BroadcastChannel }).BroadcastChannel;
    channel = Channel ? new Channel(name) : null;
    if (channel) channel.onmessage = onOtherTab;
  } catch {
    channel = null; // e.g. an opaque origin: the visibility check still works
  }
  return {
    announce: () => channel?.postMessage('changed'),
    close() {
      channel?.close();
      doc.removeEventListener('visibilitychange', onVisible);
    },
  };
}

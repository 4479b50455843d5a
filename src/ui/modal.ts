// The settings dialog's modal behaviour as a hook (see focus-trap.ts).

import type { RefObject } from 'preact';
import { useEffect } from 'preact/hooks';
import { trapFocus } from './focus-trap';

export function useModal(
  dialog: RefObject<HTMLElement | null>,
  options: { active: boolean; initialFocus: RefObject<HTMLElement | null>; onEscape?: () => void },
) {
  const { active, initialFocus, onEscape } = options;
  useEffect(() => {
    const box = dialog.current;
    if (active && box) return trapFocus(box, initialFocus.current, onEscape);
  }, [active]);
}

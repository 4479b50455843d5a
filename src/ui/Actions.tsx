// The row of buttons that ends the banner and the settings dialog: every choice in the same
// element, class and size, so none is nudged.

/** `onIntent`: the pointer is over it or it has focus; a click may follow (used to fetch ahead). */
export type Action = [label: string, onClick: () => void, onIntent?: () => void];

export function Actions({ actions, extraClass }: { actions: Action[]; extraClass?: string }) {
  return (
    <div class={extraClass ? `anx-actions ${extraClass}` : 'anx-actions'}>
      {actions.map(([label, onClick, onIntent]) => (
        <button type="button" class="anx-button" onClick={onClick} onPointerEnter={onIntent} onFocus={onIntent}>
          {label}
        </button>
      ))}
    </div>
  );
}

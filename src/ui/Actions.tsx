// The row of buttons that ends the banner and the settings dialog: every choice in the same
// element, class and size, so none is nudged.

export type Action = [label: string, onClick: () => void];

export function Actions({ actions, extraClass }: { actions: Action[]; extraClass?: string }) {
  return (
    <div class={extraClass ? `anx-actions ${extraClass}` : 'anx-actions'}>
      {actions.map(([label, onClick]) => (
        <button type="button" class="anx-button" onClick={onClick}>
          {label}
        </button>
      ))}
    </div>
  );
}

// A tiny typed event emitter. A listener that throws is reported, not propagated:
// one site developer's bug must not stop the others' listeners or the widget.

export type Listener<T> = (payload: T) => void;

export interface Emitter<Events extends Record<string, unknown>> {
  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void;
  emit<K extends keyof Events>(event: K, payload: Events[K]): void;
}

export function createEmitter<Events extends Record<string, unknown>>(
  onListenerError: (event: string, error: unknown) => void,
): Emitter<Events> {
  const listeners: { [K in keyof Events]?: Set<Listener<Events[K]>> } = {};
  return {
    on(event, listener) {
      (listeners[event] ??= new Set()).add(listener);
      return () => void listeners[event]?.delete(listener);
    },
    emit(event, payload) {
      for (const listener of [...(listeners[event] ?? [])]) {
        try {
          listener(payload);
        } catch (error) {
          onListenerError(String(event), error);
        }
      }
    },
  };
}

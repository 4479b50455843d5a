// The markup gate: which blocked markup may run now (by its category, or its service when it
// names one), the blocked scripts the widget writes for services with `src`, and the
// click-to-load placeholders of blocked iframes. The DOM work is the activator's.

import { localize, type ConsentConfig } from '../core/config';
import type { MessageCode, Say } from '../core/messages';
import type { Permissions } from '../core/policy';
import { createActivator, serviceScript, type Activator } from '../browser/activator';
import { placeholderSlot } from '../browser/embed-slot';
import type { PageContext } from '../browser/page-context';
import type { EmbedTexts, FillPlaceholder } from '../contracts';

export interface MarkupGateOptions {
  config: ConsentConfig;
  doc: Document;
  context: PageContext;
  say: Say;
  permissions(): Permissions;
  /** Notes what ran on this page (a withdrawal of it then needs a reload). */
  ran(key: string): void;
  /** Fills placeholders; without it, blocked iframes get none. */
  placeholders?: () => FillPlaceholder | Promise<FillPlaceholder>;
  /** "Immer erlauben" on a placeholder: the service's consent (or its category's). */
  alwaysAllow(category: string, serviceId: string | undefined): void;
}

export function createMarkupGate({ config, doc, context, say, permissions, ran, placeholders, alwaysAllow }: MarkupGateOptions): Activator {
  const serviceById = new Map(config.services.map((s) => [s.id, s]));
  const categoryIds = config.categories.map((c) => c.id);
  const reported = new Set<string>();
  /** Each problem with the markup once, however often it is checked. */
  const reportOnce = (code: MessageCode, ...details: string[]): false => {
    const key = [code, ...details].join('|');
    if (!reported.has(key)) {
      reported.add(key);
      say('error', code, ...details);
    }
    return false;
  };

  function isAllowed(category: string, serviceId: string | undefined): boolean {
    if (serviceId !== undefined) {
      const service = serviceById.get(serviceId);
      if (!service) return reportOnce('markup-service', serviceId);
      if (category && category !== service.category) reportOnce('markup-mismatch', serviceId, service.category, category);
      return permissions().services[serviceId];
    }
    if (!categoryIds.includes(category)) return reportOnce('markup-category', category, categoryIds.join(', '));
    return permissions().categories[category];
  }

  // Services with `src` become blocked scripts in <head>: the activator then loads them in
  // order, once, with the nonce, like blocked markup (it knows them as the widget's own).
  for (const service of config.services) {
    for (const src of service.src) doc.head.appendChild(serviceScript(doc, service.category, service.id, src));
  }

  return createActivator(doc, {
    isAllowed,
    nonce: context.nonce,
    onActivated: (category, service) => ran(service ? `service:${service}` : `category:${category}`),
    report: (code, ...details) => say('error', code, ...details),
    placeholder(frame, loadOnce) {
      if (!placeholders) return undefined;
      // The slot takes the embed's place at once; its contents may come from a chunk later.
      const { host, root } = placeholderSlot(frame);
      const category = frame.getAttribute('data-category') ?? '';
      const service = serviceById.get(frame.getAttribute('data-service') ?? '');
      const { lang, nonce } = context;
      const fill = (fillIn: FillPlaceholder) =>
        fillIn(root, frame, {
          service: localize(service?.label, lang) || service?.id || frame.title || category,
          details: service,
          provider: service?.provider,
          privacyPolicyUrl: service?.privacyPolicyUrl,
          lang,
          overrides: config.texts[lang]?.embed as Partial<EmbedTexts> | undefined,
          nonce,
          onLoadOnce: loadOnce,
          onAlwaysAllow: () => alwaysAllow(category, service?.id),
        });
      const filler = placeholders();
      if (filler instanceof Promise) filler.then(fill, (error: unknown) => say('error', 'placeholder-failed', String(error)));
      else fill(filler);
      return host;
    },
  });
}

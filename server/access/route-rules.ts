import type { Express } from 'express';
import type { AccessRule } from './guard';

export interface RouteRule {
  method: string;
  path: string;
  /** Undefined when the route declares none: the access test fails on it. */
  rule: AccessRule | undefined;
}

interface Layer {
  route?: { path: string; methods: Record<string, boolean>; stack: Layer[] };
  handle: { stack?: Layer[]; accessRule?: AccessRule };
}

/** Every route of the app with the access rule it declares, read from the router itself. */
export function listRouteRules(app: Express): RouteRule[] {
  const routes: RouteRule[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        const rule = layer.route.stack.map((l) => l.handle.accessRule).find((r) => r !== undefined);
        for (const method of Object.keys(layer.route.methods)) routes.push({ method: method.toUpperCase(), path: layer.route.path, rule });
      } else if (layer.handle.stack) {
        walk(layer.handle.stack);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return routes;
}

export function describeRule(rule: AccessRule | undefined): string {
  if (!rule) return 'NO RULE';
  if (rule.kind === 'anyone') return 'anyone, signed in or not';
  if (rule.kind === 'signed-in') return 'anyone signed in';
  return `${rule.permission} over ${rule.scope}`;
}

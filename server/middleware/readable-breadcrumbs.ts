import type { RequestHandler } from 'express';
import type { Db } from '../../db/connection';
import { scopeOfNode } from '../access/guard';
import { signedInUser } from '../access/session';
import { permits } from '../domain/roles';

interface Crumb {
  text: string;
  href?: string;
}

const NODE_LINK = /^\/nodes\/(\d+)(?:[/?#]|$)/;

/**
 * Breadcrumbs name every part of the organisation above a record, but a person may read only
 * some of them: a crumb to a node they cannot read is shown as plain text, never as a link to a
 * 403. Done once here, as each page is rendered, so no presenter has to know who is reading.
 */
export function readableBreadcrumbs(db: Db): RequestHandler {
  return (_req, res, next) => {
    const render = res.render.bind(res);
    res.render = ((view: string, options?: object | ((err: Error, html: string) => void), callback?: (err: Error, html: string) => void) => {
      const locals = typeof options === 'object' ? (options as { breadcrumbs?: Crumb[] }) : undefined;
      const crumbs = locals?.breadcrumbs;
      const user = signedInUser(res);
      if (!crumbs || !user || typeof options !== 'object') {
        render(view, options as object, callback);
        return;
      }
      void Promise.all(crumbs.map(async (crumb) => {
        const nodeId = crumb.href ? NODE_LINK.exec(crumb.href)?.[1] : undefined;
        if (nodeId === undefined) return crumb;
        const scope = await scopeOfNode(db, Number(nodeId));
        return scope && permits(user.grants, 'read', scope) ? crumb : { text: crumb.text };
      })).then(
        (shown) => render(view, { ...options, breadcrumbs: shown }, callback),
        (error: unknown) => next(error),
      );
    });
    next();
  };
}

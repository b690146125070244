// The page's routes on the API: `/` (every service now), `/services/:id` and `/reports/:id` all
// answer the same page, which reads the API itself from the browser.
import express from 'express';
import { renderPage } from './page-html.ts';

/** The page may read its own origin and nothing else, so a stray URL cannot leave the machine. */
const CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; connect-src 'self'";

export function pageRoutes(): express.Router {
  const router = express.Router();
  let page: string | undefined;
  const send = (_req: express.Request, res: express.Response) => {
    page ??= renderPage();
    res.set('Content-Security-Policy', CONTENT_SECURITY_POLICY).type('html').send(page);
  };
  router.get(['/', '/services/:id', '/reports/:id'], send);
  return router;
}

// The page's routes on the API: `/` (every service now), `/services/:id` and `/reports/:id` all
// answer the same page, which reads the API itself from the browser; the page carries a text summary
// of the radar at request time (or of the report) for a reader without JavaScript.
import express from 'express';
import type { Radar } from '../live/radar.ts';
import { reportSchema } from '../report/schema.ts';
import { renderPage } from './page-html.ts';
import { liveSummaryHtml, reportSummaryHtml } from './summary-html.ts';

/** The page may read its own origin and nothing else, so a stray URL cannot leave the machine. */
const CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; connect-src 'self'";

export function pageRoutes(radar: Radar): express.Router {
  const router = express.Router();
  const send = (res: express.Response, summary: string) => {
    res.set('Content-Security-Policy', CONTENT_SECURITY_POLICY).type('html').send(renderPage(undefined, summary));
  };
  router.get(['/', '/services/:id'], async (_req, res) => {
    const [services, incidents] = await Promise.all([radar.services(), radar.incidents({})]);
    send(res, liveSummaryHtml({ services, incidents }));
  });
  router.get('/reports/:id', async (req, res) => {
    const job = await radar.report(req.params.id);
    const report = job?.status === 'done' ? reportSchema.safeParse(job.report) : undefined;
    send(res, report?.success ? reportSummaryHtml(report.data) : '');
  });
  return router;
}

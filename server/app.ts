import path from 'node:path';
import express from 'express';
import helmet from 'helmet';
import cookieParser from 'cookie-parser';
import { today } from './clock';
import { ROOT_DIR } from './config';
import { loadSession, requireCsrfToken } from './access/session';
import { errorHandler, notFoundHandler } from './middleware/error-handler';
import { helpers } from './views/helpers';
import { viewEngine } from './views/engine';
import { healthRoutes } from './routes/health';
import { assetRoutes } from './routes/assets';
import { homeRoutes } from './routes/home';
import { registerRoutes } from './routes/registers';
import { spreadsheetRoutes } from './routes/spreadsheets';
import { registerManagementRoutes } from './routes/register-management';
import { returnRoutes } from './routes/returns';
import { riskRoutes } from './routes/risks';
import { actionRoutes } from './routes/actions';
import { joinedRegisterRoutes } from './routes/joined-registers';
import { readableBreadcrumbs } from './middleware/readable-breadcrumbs';
import { infoPageRoutes } from './routes/info-pages';
import { reviewRoutes } from './routes/reviews';
import { signInRoutes } from './routes/sign-in';
import { userRoutes } from './routes/users';
import { planPdfRoutes } from './routes/plan-pdfs';
import { planRoutes } from './routes/plans';
import { planSectionRoutes } from './routes/plan-sections';
import { exerciseRoutes } from './routes/exercises';
import { planBoardRoutes } from './routes/plan-board';
import { calendarFeedRoutes } from './routes/calendar-feeds';
import { planRiskRoutes } from './routes/plan-risks';
import { adminRoutes } from './routes/admin';
import { dashboardRoutes } from './routes/dashboard';
import { requestLogger } from './logger';
import type { AppContext } from './context';


/** Form bodies are small; anything larger than this is refused with 413 before it is parsed. */
const BODY_LIMIT = '64kb';
/** Enough fields for a plan section's longest list (a 100-line call cascade is 500 fields). */
const FIELD_LIMIT = 1000;

export function createApp(ctx: AppContext): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // Every page is sent no-store, so nothing would ever send an ETag back: hashing each page for one
  // cost a millisecond on the larger ones. Static files keep theirs (serve-static sets its own).
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.engine('hbs', viewEngine({
    defaultLayout: 'main',
    layoutsDir: path.join(ROOT_DIR, 'views/layouts'),
    partialsDir: path.join(ROOT_DIR, 'views/partials'),
    helpers,
    compilerOptions: {
      // Handlebars would otherwise indent every line of a partial's output, textarea contents included.
      preventIndent: true,
      // Every helper is known when the views compile, so {{name}} compiles to a plain lookup
      // rather than a check for a helper of that name first: a fifth off a long table.
      knownHelpers: Object.fromEntries(Object.keys(helpers).map((name) => [name, true])),
      knownHelpersOnly: true,
    },
  }));
  app.set('view engine', 'hbs');
  app.set('views', path.join(ROOT_DIR, 'views'));
  if (process.env.NODE_ENV === 'production') app.enable('view cache');

  app.use(requestLogger(ctx.logger));
  app.use(helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
  }));
  app.use('/assets', express.static(path.join(ROOT_DIR, 'node_modules/govuk-frontend/dist/govuk/assets'), { maxAge: '1d' }));
  // Only a path naming a file (a dot in its last segment) can be one of public/'s files: every
  // page request went through serve-static first, a stat of public/ and a stream set up to find
  // nothing (a twentieth of a risk page).
  const publicFiles = express.static(path.join(ROOT_DIR, 'public'), { maxAge: '1h' });
  app.use((req, res, next) => (/\.[^/]*$/.test(req.path) ? publicFiles(req, res, next) : next()));
  // extended: false keeps bodies flat (no nested objects) so every field is a string or a list of strings.
  app.use(express.urlencoded({ extended: false, limit: BODY_LIMIT, parameterLimit: FIELD_LIMIT }));
  app.use(cookieParser());
  app.use(loadSession(ctx.db, ctx.clock, ctx.cookies));
  app.use(requireCsrfToken);
  app.use(readableBreadcrumbs(ctx.db));

  app.use((req, res, next) => {
    res.locals.today = today(ctx.clock);
    // The service navigation's sections; the one the page belongs to is marked current.
    const inAdmin = req.path === '/admin' || req.path.startsWith('/admin/');
    res.locals.navigation = [
      { text: 'Organisation', href: '/', current: !inAdmin },
      ...(res.locals.showAdmin ? [{ text: 'Admin', href: '/admin', current: inAdmin }] : []),
    ];
    // Pages may show OFFICIAL-SENSITIVE records: no browser or proxy keeps a copy of any of
    // them, signed in or not (the static files above are cached as before).
    res.set('Cache-Control', 'no-store');
    next();
  });

  app.use(signInRoutes(ctx));
  app.use(healthRoutes(ctx));
  app.use(infoPageRoutes(ctx));
  app.use(assetRoutes(ctx));
  app.use(homeRoutes(ctx));
  app.use(spreadsheetRoutes(ctx));
  app.use(dashboardRoutes(ctx));
  app.use(registerRoutes(ctx));
  app.use(registerManagementRoutes(ctx));
  app.use(returnRoutes(ctx));
  app.use(riskRoutes(ctx));
  app.use(actionRoutes(ctx));
  app.use(reviewRoutes(ctx));
  app.use(joinedRegisterRoutes(ctx));
  app.use(userRoutes(ctx));
  // Before the plan pages: /plans/:id would otherwise take "12.pdf" for an id.
  app.use(planPdfRoutes(ctx));
  app.use(planRoutes(ctx));
  app.use(planSectionRoutes(ctx));
  app.use(exerciseRoutes(ctx));
  app.use(planBoardRoutes(ctx));
  app.use(calendarFeedRoutes(ctx));
  app.use(planRiskRoutes(ctx));
  app.use(adminRoutes(ctx));

  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}

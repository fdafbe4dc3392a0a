import { z } from 'zod';

// The gateway's Content-Security-Policy has no 'unsafe-eval', so zod's compiled fast path cannot
// run. Without this, zod probes with `new Function` when the first object schema is defined, and
// every page load logs a CSP violation. Imported first by main.tsx, before the contracts' schemas.
z.config({ jitless: true });

import { fileURLToPath } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const workspaceRoot = fileURLToPath(new URL('../..', import.meta.url));
const backend = process.env['PATCHBAY_API_URL'] ?? 'http://localhost:3000';

// Vite requires a default export for its configuration file.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), tailwindcss()],
  resolve: {
    alias: { '@patchbay/contracts': `${workspaceRoot}libs/contracts/src/index.ts` },
  },
  server: {
    port: 4200,
    strictPort: true,
    proxy: {
      '/api': { target: backend, changeOrigin: true },
      '/ws': { target: backend, ws: true, changeOrigin: true },
    },
  },
  preview: {
    port: 4300,
    proxy: {
      '/api': { target: backend, changeOrigin: true },
      '/ws': { target: backend, ws: true, changeOrigin: true },
    },
  },
  build: {
    outDir: `${workspaceRoot}dist/apps/web`,
    emptyOutDir: true,
    // Maps are written for debugging stack traces but not referenced from the bundles, so browsers
    // do not ask for them; the gateway serves them only with SERVE_SOURCE_MAPS=true.
    sourcemap: 'hidden',
    rollupOptions: {
      // zod's sources carry /*#__PURE__*/ comments in positions Rollup ignores; the warning is noise.
      onwarn(warning, warn) {
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules/zod')) return;
        warn(warning);
      },
    },
  },
});

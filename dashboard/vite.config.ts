import { defineConfig } from 'vite';

/**
 * Builds the dashboard into `dashboard/dist/`, which the service serves at `/`.
 * `root` is relative to the working directory: npm scripts run at the package root
 * (`npm run build:dashboard`). `npm run dev:dashboard` serves it with hot reload and passes
 * `/api` (HTTP and the live WebSocket) to a service on the default port.
 */
export default defineConfig({
  root: 'dashboard',
  base: './',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 200 },
  server: {
    proxy: { '/api': { target: 'http://127.0.0.1:8080', ws: true } },
  },
});

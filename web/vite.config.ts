// Vite config of the web portal. Run from the repository root:
//   npm run build:web   (vite build --config web/vite.config.ts) → web/dist, served by the Fastify server
//   npx vite --config web/vite.config.ts   (dev server on :5173, /api proxied to the API on :8080)
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 400,
  },
  server: {
    proxy: { '/api': { target: process.env.LUOSHI_API ?? 'http://localhost:8080', changeOrigin: false } },
  },
});

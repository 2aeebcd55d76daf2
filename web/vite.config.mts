/**
 * The console (web/): built into web/dist, which the API serves at `/`. `npm run dev:web` serves it
 * with hot reload and forwards /api to a running clueflow (CLUEFLOW_API_URL, default :3000).
 */
import { fileURLToPath, URL } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [vue()],
  resolve: {
    alias: {
      '@': here('./src'),
      // The plan's codes and their Chinese names live once, in domain/ (pure TS, no I/O).
      '@domain': here('../domain'),
    },
  },
  server: {
    port: Number(process.env.WEB_PORT ?? 5173),
    proxy: { '/api': { target: process.env.CLUEFLOW_API_URL ?? 'http://localhost:3000', changeOrigin: true } },
  },
  build: {
    outDir: here('./dist'),
    emptyOutDir: true,
    // Element Plus and ECharts are big by nature; the pages themselves are split per route.
    chunkSizeWarningLimit: 1500,
  },
});

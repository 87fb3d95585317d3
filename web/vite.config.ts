import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { firstScreenBudget } from './firstScreenBudget';

export default defineConfig({
  // The budget for the first screen: 150 KB of gzipped JavaScript, printed by every build.
  plugins: [react(), firstScreenBudget(150)],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Inlined data: URLs for fonts or scripts would be blocked by the CSP; ship every asset as a file.
    assetsInlineLimit: 0,
  },
  server: {
    proxy: {
      '/api': process.env.API_ORIGIN ?? 'http://localhost:7071',
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    restoreMocks: true,
    unstubGlobals: true,
  },
});

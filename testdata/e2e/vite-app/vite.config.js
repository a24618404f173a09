import { defineConfig } from 'vite';

// Vite's defaults (assets/name-HASH.ext, minified, module preload helper),
// plus source maps without embedded sources: this app stands for what a
// typical Vite project ships.
export default defineConfig({
  build: {
    sourcemap: true,
    assetsInlineLimit: 0,
    rollupOptions: { output: { sourcemapExcludeSources: true } },
  },
});

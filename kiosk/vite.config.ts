import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// The kiosk renderer: a static bundle the agent serves (browser mode) or Electron loads.
export default defineConfig({
  root: fileURLToPath(new URL('./src/renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: '../../dist/renderer',
    emptyOutDir: true,
    // Loaded from the kiosk's own disk, never over a network: one bundle is simplest and fast enough.
    chunkSizeWarningLimit: 1024,
  },
});

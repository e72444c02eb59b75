import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The C++ server serves web/dist at "/" and answers /api itself. In development the
// Vite dev server forwards /api and /healthz to a locally running `kaifang serve`.
const apiTarget = process.env.KAIFANG_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        manualChunks: {
          react: ['react', 'react-dom', 'react-router-dom'],
        },
      },
    },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/healthz': { target: apiTarget, changeOrigin: false },
    },
  },
});

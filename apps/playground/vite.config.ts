import { defaultClientConditions, defineConfig } from 'vite';

/**
 * The playground's build. Workspace packages resolve to their TypeScript sources (the `@descent/source` condition),
 * so neither `vite` nor `vite build` needs the libraries built first. Minification is off: gpu.js compiles kernels
 * from their function source text, and a minifier may rewrite it into forms gpu.js cannot parse
 * (packages/backend-gpujs/README.md).
 */
export default defineConfig({
  base: './',
  resolve: { conditions: ['@descent/source', ...defaultClientConditions] },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  // Pre-bundled up front, so the dev server does not discover them mid-session and reload the page.
  optimizeDeps: {
    include: ['@descent/backend-gpujs > gpu.js', 'preact', 'preact/hooks', 'preact/jsx-runtime', 'uplot'],
  },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    minify: false,
    sourcemap: true,
    chunkSizeWarningLimit: 4000,
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});

import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// flask-vite serves the first *.js and *.css it finds in dist/assets, so the entry files get
// fixed names and code-split chunks live in dist/chunks (served by runtime/ui.py). All CSS goes
// into the one entry stylesheet (cssCodeSplit: false), so no second *.css ever lands in dist/assets.
//
// Flask serves the entry at /_vite/dabble.js, so a chunk must never import the entry (it would load it a
// second time from /assets/dabble.js): what the entry imports statically and a lazily loaded page needs too goes
// into the "core" chunk; the shell's own pages (sign-in, home) stay in the entry.
function closure(roots, getModuleInfo, { dynamic }) {
  const seen = new Set();
  const queue = [...roots];
  while (queue.length) {
    const id = queue.pop();
    if (seen.has(id)) continue;
    seen.add(id);
    const info = getModuleInfo(id);
    queue.push(...(info?.importedIds ?? []), ...(dynamic ? (info?.dynamicallyImportedIds ?? []) : []));
  }
  return seen;
}
function sharedWithLazyPages(getModuleIds, getModuleInfo) {
  const ids = [...getModuleIds()];
  const entry = ids.find((id) => getModuleInfo(id)?.isEntry);
  const fromEntry = closure(getModuleInfo(entry)?.importedIds ?? [], getModuleInfo, { dynamic: false });
  const lazyRoots = ids.filter((id) => (getModuleInfo(id)?.dynamicImporters ?? []).length > 0);
  const fromLazy = closure(lazyRoots, getModuleInfo, { dynamic: true });
  return new Set([...fromEntry].filter((id) => id !== entry && fromLazy.has(id)));
}
let core = null;
function manualChunks(id, { getModuleIds, getModuleInfo }) {
  core ??= sharedWithLazyPages(getModuleIds, getModuleInfo);
  return core.has(id) ? "core" : undefined;
}

export default defineConfig({
  plugins: [react()],
  server: {
    port: 3000,
    // `npm run dev` beside `dabble serve`: the API (and the sign-in cookie) come from Flask, at DABBLE_API_URL if set.
    proxy: { "/api": process.env.DABBLE_API_URL || "http://127.0.0.1:5000" },
  },
  build: {
    manifest: true,
    cssCodeSplit: false,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      input: "src/main.jsx",
      output: {
        entryFileNames: "assets/dabble.js",
        manualChunks,
        chunkFileNames: "chunks/[name]-[hash].js",
        assetFileNames: (asset) =>
          asset.names?.some((name) => name.endsWith(".css")) ? "assets/dabble.css" : "media/[name]-[hash][extname]",
      },
    },
  },
  // Component tests (*.test.jsx) run in jsdom; pure helpers (*.test.js) in plain Node, which starts much faster.
  test: {
    setupFiles: ["src/test/setup.js"],
    css: false,
    projects: [
      { extends: true, test: { name: "components", include: ["src/**/*.test.jsx"], environment: "jsdom" } },
      { extends: true, test: { name: "helpers", include: ["src/**/*.test.js"], environment: "node" } },
    ],
  },
});

import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/**
 * Prints the gzipped size of the JavaScript the first screen loads (the entry chunk and every chunk it imports
 * statically; lazy chunks wait until they are needed) and fails the build above the budget.
 */
export function firstScreenBudget(limitKb: number): Plugin {
  return {
    name: 'first-screen-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = new Map(Object.values(bundle).flatMap((output) => (output.type === 'chunk' ? [[output.fileName, output] as const] : [])));
      const loaded = new Set<string>();
      const visit = (fileName: string) => {
        const chunk = chunks.get(fileName);
        if (chunk === undefined || loaded.has(fileName)) {
          return;
        }
        loaded.add(fileName);
        chunk.imports.forEach(visit);
      };
      [...chunks.values()].filter((chunk) => chunk.isEntry).forEach((chunk) => visit(chunk.fileName));
      const bytes = [...loaded].reduce((total, fileName) => total + gzipSync(chunks.get(fileName)!.code).length, 0);
      const kb = bytes / 1024;
      const line = `First-screen JavaScript: ${kb.toFixed(1)} KB gzipped (${loaded.size} file${loaded.size === 1 ? '' : 's'}; budget ${limitKb} KB)`;
      if (kb > limitKb) {
        this.error(`${line}: over budget. Load more of the app lazily or drop a dependency.`);
      }
      console.log(line);
    },
  };
}

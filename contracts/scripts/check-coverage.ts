/**
 * Fails when the contracts' line coverage (Hardhat 3's lcov report of `hardhat test nodejs
 * --coverage`) is under the threshold. Test-only mocks do not count.
 * Usage: tsx scripts/check-coverage.ts [minimum percent, default 95]
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const lcovFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../coverage/lcov.info");
const minimum = Number(process.argv[2] ?? 95);

let hit = 0;
let found = 0;
let counted = true;
const rows: string[] = [];
for (const line of readFileSync(lcovFile, "utf8").split("\n")) {
  if (line.startsWith("SF:")) counted = !line.includes("/mocks/");
  if (!counted) continue;
  if (line.startsWith("SF:")) rows.push(line.slice(3));
  if (line.startsWith("LH:")) hit += Number(line.slice(3));
  if (line.startsWith("LF:")) found += Number(line.slice(3));
}

const percent = found === 0 ? 0 : (100 * hit) / found;
console.log(`contract line coverage: ${percent.toFixed(2)}% (${hit}/${found} lines in ${rows.length} files)`);
if (percent < minimum) {
  console.error(`below the required ${minimum}%`);
  process.exit(1);
}

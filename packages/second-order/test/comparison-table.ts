// Prints the nit/nfev comparison against the SciPy and PyTorch fixtures as a Markdown table:
//   pnpm exec tsx --conditions=@descent/source packages/second-order/test/comparison-table.ts
import { runCase, scipyCases, torchCases } from './fixture-runs.js';

const rows = [...scipyCases, ...torchCases].map((reference) => {
  const started = performance.now();
  const result = runCase(reference);
  const milliseconds = performance.now() - started;
  const ratio = result.nfev / reference.nfev;
  return `| ${reference.problemLabel} | ${reference.method} | ${reference.referenceMethod} | ${result.nit} / ${result.nfev} | ${reference.nit} / ${reference.nfev} | ${ratio.toFixed(2)} | ${result.nhev} | ${milliseconds.toFixed(0)} |`;
});
console.log('| problem | method | reference | ours nit / nfev | reference nit / nfev | nfev ratio | our nhev | ms |');
console.log('|---|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
